import { formatDuration } from './duration.js';
import type { Masker, OutputEvent, OutputSink } from './events.js';
import { filesReturnedText } from './human-output.js';
import { machineLine } from './machine-readable.js';
import { prefixLines, targetOf } from './prefix.js';

/** Options of {@link MachineOutput}. */
export interface MachineOutputOptions {
  write(text: string): void;
  mask?: Masker;
  now?: () => Date;
}

/** Packer's -machine-readable output: `timestamp,target,type,data...` lines. */
export class MachineOutput implements OutputSink {
  readonly #o: MachineOutputOptions;

  constructor(options: MachineOutputOptions) {
    this.#o = options;
  }

  emit(event: OutputEvent): void {
    const mask = this.#o.mask ?? ((s: string) => s);
    switch (event.type) {
      case 'ui':
        this.#ui(
          event.level,
          prefixLines(targetOf(event.build, event.source), event.level, mask(event.text)),
        );
        return;
      case 'notice':
        this.#ui(event.level, mask(event.text));
        return;
      case 'build-finished':
        this.#ui('say', `Build '${event.build}' finished after ${formatDuration(event.durationMs)}.`);
        return;
      case 'build-errored':
        this.#ui(
          'error',
          `Build '${event.build}' errored after ${formatDuration(event.durationMs)}: ${mask(event.error)}`,
        );
        return;
      case 'summary': {
        this.#ui('say', `\n==> Wait completed after ${formatDuration(event.durationMs)}`);
        const failed = event.builds.filter((b) => b.error !== undefined);
        if (failed.length > 0) {
          this.#machine('', 'error-count', [String(failed.length)]);
          this.#ui('error', "\n==> Some builds didn't complete successfully and had errors:");
          for (const b of failed) {
            this.#machine(b.name, 'error', [mask(b.error ?? '')]);
            this.#ui('error', `--> ${b.name}: ${mask(b.error ?? '')}`);
          }
        }
        const withArtifacts = event.builds.filter((b) => b.artifacts.length > 0);
        if (withArtifacts.length === 0) {
          this.#ui('say', '\n==> Builds finished but no artifacts were created.');
          return;
        }
        this.#ui('say', '\n==> Builds finished. The artifacts of successful builds are:');
        for (const b of withArtifacts) {
          this.#machine(b.name, 'artifact-count', [String(b.artifacts.length)]);
          b.artifacts.forEach((a, i) => {
            const n = String(i);
            this.#machine(b.name, 'artifact', [n, 'builder-id', a.builderId]);
            this.#machine(b.name, 'artifact', [n, 'id', a.id]);
            this.#machine(b.name, 'artifact', [n, 'string', mask(a.description)]);
            this.#machine(b.name, 'artifact', [n, 'files-count', String(a.files.length)]);
            a.files.forEach((f, fi) => {
              this.#machine(b.name, 'artifact', [n, 'file', String(fi), f]);
            });
            this.#machine(b.name, 'artifact', [n, 'end']);
            this.#ui('say', `--> ${b.name}: ${mask(a.description)}`);
          });
        }
        return;
      }
      case 'cache-step':
        this.#machine(event.build, 'cache-step', [
          String(event.step),
          mask(event.provisioner),
          event.action,
          event.key,
          event.entryId ?? '',
          event.sizeBytes !== undefined ? String(event.sizeBytes) : '',
          mask(event.reason ?? ''),
        ]);
        return;
      case 'files-returned':
        this.#machine(event.build, 'files-returned', [
          String(event.files.length),
          ...event.files.map((f) => mask(f.path)),
        ]);
        this.#ui('say', prefixLines(event.build, 'say', mask(filesReturnedText(event))));
        return;
      default:
        return;
    }
  }

  ask(): Promise<string> {
    return Promise.reject(new Error('cannot ask for input in machine-readable mode'));
  }

  #ui(level: string, text: string): void {
    this.#machine('', 'ui', [level, text]);
  }

  #machine(target: string, type: string, data: string[]): void {
    this.#o.write(machineLine(this.#o.now?.() ?? new Date(), target, type, data));
  }
}
