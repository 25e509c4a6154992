import type { Progress } from '@kiln/plugin-sdk';
import { askTerminal } from './ask.js';
import { type BuildColor, colorFor, paint, RED } from './colors.js';
import { formatDuration } from './duration.js';
import type { FilesReturnedEvent, Masker, OutputEvent, OutputSink } from './events.js';
import { prefixLines, targetOf } from './prefix.js';
import { renderProgress } from './progress.js';

/** Options of {@link HumanOutput}. */
export interface HumanOutputOptions {
  write(text: string): void;
  color: boolean;
  /** -timestamp-ui: prefix build lines with an RFC3339 timestamp. */
  timestamps: boolean;
  /** Draw progress bars (only when stdout is a terminal). */
  progress: boolean;
  mask?: Masker;
  now?: () => Date;
  ask?: (prompt: string) => Promise<string>;
}

/** "2 files came back from the pod (manifest.json, out/x.txt)". */
export function filesReturnedText(event: FilesReturnedEvent): string {
  const n = event.files.length;
  return `${n} file${n === 1 ? '' : 's'} came back from the pod (${event.files.map((f) => f.path).join(', ')})`;
}

/** Packer's human output: one colour per build, "==> name: text", a final artifact list. */
export class HumanOutput implements OutputSink {
  readonly #o: HumanOutputOptions;
  readonly #colors = new Map<string, BuildColor>();
  #bar = false;

  constructor(options: HumanOutputOptions) {
    this.#o = options;
  }

  emit(event: OutputEvent): void {
    const mask = this.#o.mask ?? ((s: string) => s);
    switch (event.type) {
      case 'start':
        event.builds.forEach((b, i) => {
          this.#colors.set(b, colorFor(i));
          // Packer announces the colours only when there are colours.
          if (this.#o.color)
            this.#line(this.#paint(`${b}: output will be in this color.`, colorFor(i), true));
        });
        if (this.#o.color) this.#line('');
        return;
      case 'ui': {
        const text = prefixLines(targetOf(event.build, event.source), event.level, mask(event.text));
        const color = event.level === 'error' ? RED : this.#colorOf(event.build);
        this.#line(this.#paint(this.#stamp(text), color, event.level !== 'message'));
        return;
      }
      case 'progress':
        if (this.#o.progress) this.#drawBar(event.build, event.progress);
        return;
      case 'notice':
        this.#line(mask(event.text));
        return;
      case 'build-finished':
        this.#line(
          this.#paint(
            this.#stamp(`Build '${event.build}' finished after ${formatDuration(event.durationMs)}.`),
            this.#colorOf(event.build),
            true,
          ),
        );
        return;
      case 'build-errored':
        this.#line(
          this.#paint(
            this.#stamp(
              `Build '${event.build}' errored after ${formatDuration(event.durationMs)}: ${mask(event.error)}`,
            ),
            RED,
            true,
          ),
        );
        return;
      case 'summary':
        this.#summary(event, mask);
        return;
      case 'files-returned':
        this.#line(
          this.#paint(
            this.#stamp(prefixLines(event.build, 'say', mask(filesReturnedText(event)))),
            this.#colorOf(event.build),
            true,
          ),
        );
        return;
    }
  }

  ask(build: string, question: string): Promise<string> {
    this.#clearBar();
    const prompt = this.#paint(prefixLines(build, 'say', question), this.#colorOf(build), true);
    return (this.#o.ask ?? ((p: string) => askTerminal(p)))(`${prompt}\n`);
  }

  #summary(event: Extract<OutputEvent, { type: 'summary' }>, mask: Masker): void {
    this.#line(`\n==> Wait completed after ${formatDuration(event.durationMs)}`);
    const failed = event.builds.filter((b) => b.error !== undefined);
    if (failed.length > 0) {
      this.#line("\n==> Some builds didn't complete successfully and had errors:");
      for (const b of failed) this.#line(`--> ${b.name}: ${mask(b.error ?? '')}`);
    }
    const withArtifacts = event.builds.filter((b) => b.artifacts.length > 0);
    if (withArtifacts.length > 0) {
      this.#line('\n==> Builds finished. The artifacts of successful builds are:');
      for (const b of withArtifacts)
        for (const a of b.artifacts) this.#line(`--> ${b.name}: ${mask(a.description)}`);
    } else {
      this.#line('\n==> Builds finished but no artifacts were created.');
    }
  }

  #colorOf(build: string): BuildColor {
    return this.#colors.get(build) ?? colorFor(0);
  }

  #paint(text: string, color: BuildColor, bold: boolean): string {
    return this.#o.color ? paint(text, color, bold) : text;
  }

  #stamp(text: string): string {
    if (!this.#o.timestamps) return text;
    const ts = `${(this.#o.now?.() ?? new Date()).toISOString().slice(0, 19)}Z`;
    return text
      .split('\n')
      .map((l) => `${ts}: ${l}`)
      .join('\n');
  }

  #line(text: string): void {
    this.#clearBar();
    this.#o.write(`${text}\n`);
  }

  #drawBar(build: string, p: Progress): void {
    this.#o.write(`\r\x1b[K${renderProgress(targetOf(build), p)}`);
    this.#bar = !p.done;
    if (p.done) this.#o.write('\r\x1b[K');
  }

  #clearBar(): void {
    if (!this.#bar) return;
    this.#o.write('\r\x1b[K');
    this.#bar = false;
  }
}
