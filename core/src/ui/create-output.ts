import { colorEnabled } from './colors.js';
import type { Masker, OutputSink } from './events.js';
import { HumanOutput } from './human-output.js';
import { JsonOutput } from './json-output.js';
import { MachineOutput } from './machine-output.js';

/** What the command line says about output. */
export interface OutputOptions {
  /** human (default), machine (-machine-readable) or json (-output=json). */
  format: 'human' | 'machine' | 'json';
  /** -color (default true, terminal or not, as Packer); NO_COLOR and TERM=dumb disable it too. */
  color: boolean;
  timestamps: boolean;
  mask?: Masker;
  stream?: NodeJS.WriteStream;
  env?: NodeJS.ProcessEnv;
}

/** Picks the sink for the options, writing to stdout. */
export function createOutput(options: OutputOptions): OutputSink {
  const stream = options.stream ?? process.stdout;
  const write = (text: string) => {
    stream.write(text);
  };
  const mask = options.mask;
  if (options.format === 'machine') return new MachineOutput({ write, ...(mask ? { mask } : {}) });
  if (options.format === 'json') return new JsonOutput({ write, ...(mask ? { mask } : {}) });
  const tty = stream.isTTY === true;
  return new HumanOutput({
    write,
    color: colorEnabled(options.color, options.env),
    timestamps: options.timestamps,
    progress: tty,
    ...(mask ? { mask } : {}),
  });
}
