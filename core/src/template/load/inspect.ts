import type { LoadedConfig } from '../../config/model.js';
import { machineLine } from '../../ui/machine-readable.js';
import { inspectHclEvents } from './inspect-hcl.js';
import { inspectLegacyEvents } from './inspect-legacy.js';

/** What Packer's inspect tells its UI: a message (`say`) or a machine-readable record. */
export type InspectEvent = { say: string } | { machine: string; args: string[] };

/** How {@link inspectText} prints. */
export interface InspectOptions {
  /** `-machine-readable`: one `timestamp,,type,data...` line per event. */
  machineReadable?: boolean;
  /** The time machine-readable lines carry (default: now). */
  now?: Date;
}

/**
 * `packer inspect`'s output for a loaded configuration, byte for byte as
 * Packer 1.16 prints it. Legacy JSON templates show what the template file
 * says (`jsonText`): raw defaults, builders by name; HCL2 ones show the
 * values in force and each build block as written. Sensitive values are
 * masked wherever they appear, as Packer's output filter does.
 */
export function inspectText(config: LoadedConfig, jsonText?: string, options: InspectOptions = {}): string {
  const events = config.format === 'json' ? inspectLegacyEvents(jsonText ?? '{}') : inspectHclEvents(config);
  const mask = config.maskSensitive ?? ((t: string) => t);
  const now = options.now ?? new Date();
  let out = '';
  for (const e of events) {
    if (options.machineReadable)
      out +=
        'say' in e
          ? machineLine(now, '', 'ui', ['say', mask(e.say)])
          : machineLine(now, '', e.machine, e.args.map(mask));
    else if ('say' in e) out += `${mask(e.say)}\n`;
  }
  return out;
}
