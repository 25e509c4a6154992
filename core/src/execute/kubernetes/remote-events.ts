import { Writable } from 'node:stream';
import type { BuildSummary, OutputEvent } from '../../ui/events.js';

const TYPES = new Set(['start', 'ui', 'progress', 'notice', 'build-finished', 'build-errored', 'summary']);

/**
 * The output event of one line a remote `kiln build -output=json` printed,
 * without its time; undefined for a line that is not one (then it is shown
 * as it is).
 */
export function remoteEvent(line: string): OutputEvent | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const { time: _time, ...event } = JSON.parse(line) as { time?: string; type?: string };
    return typeof event.type === 'string' && TYPES.has(event.type) ? (event as OutputEvent) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Where a build's pod log goes: lines with the kubelet's timestamps
 * (`timestamps=true`), so that a log stream that is reopened resumes after
 * the last line already seen. Each line's event reaches the local output
 * with the build's name; the remote run's own start and summary are kept
 * back, its summary's result kept for the local one.
 */
export class RemoteLog {
  #rest = '';
  #last = '';
  /** The remote run's summary of this build, once seen. */
  result: BuildSummary | undefined;
  /** Whether a build-finished or build-errored event was seen. */
  ended = false;

  constructor(
    private readonly build: string,
    private readonly emit: (event: OutputEvent) => void,
  ) {}

  /** The RFC3339 time (whole seconds) of the last line seen ('' before any), for sinceTime. */
  get lastTime(): string {
    return this.#last ? `${this.#last.slice(0, 19)}Z` : '';
  }

  /** A fresh stream for one log request; lines at or before the last seen are skipped. */
  stream(): Writable {
    return new Writable({
      write: (chunk: Buffer, _enc, done) => {
        this.#push(chunk.toString('utf8'));
        done();
      },
      final: (done) => {
        if (this.#rest) this.#line(this.#rest);
        this.#rest = '';
        done();
      },
    });
  }

  #push(text: string): void {
    const lines = (this.#rest + text).split('\n');
    this.#rest = lines.pop() ?? '';
    for (const l of lines) this.#line(l);
  }

  #line(raw: string): void {
    const space = raw.indexOf(' ');
    const stamp = sortable(space > 0 ? raw.slice(0, space) : '');
    if (!stamp) {
      this.#show(raw);
      return;
    }
    if (this.#last && stamp <= this.#last) return;
    this.#last = stamp;
    this.#show(raw.slice(space + 1));
  }

  #show(line: string): void {
    const text = line.replace(/\r$/, '');
    const event = remoteEvent(text);
    if (!event) {
      if (text.trim() !== '') this.emit({ type: 'ui', build: this.build, level: 'error', text });
      return;
    }
    switch (event.type) {
      case 'start':
        return;
      case 'summary':
        this.result = event.builds.find((b) => b.name === this.build) ?? event.builds[0];
        return;
      case 'notice':
        this.emit({ type: 'ui', build: this.build, level: event.level, text: event.text });
        return;
      case 'build-finished':
      case 'build-errored':
        this.ended = true;
        this.emit(event);
        return;
      default:
        this.emit(event);
    }
  }
}

/** A kubelet timestamp (RFC3339 with up to 9 fraction digits, UTC) that sorts as text; '' if it is none. */
function sortable(stamp: string): string {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?Z$/.exec(stamp);
  return m ? `${m[1]}.${(m[2] ?? '').padEnd(9, '0')}Z` : '';
}
