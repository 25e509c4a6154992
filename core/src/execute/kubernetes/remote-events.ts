import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import type { BuildSummary, FileEntry, OutputEvent, PodFilesEvent } from '../../ui/events.js';

const TYPES = new Set([
  'start',
  'ui',
  'progress',
  'notice',
  'build-finished',
  'build-errored',
  'summary',
  'pod-files',
]);

/** The files a build's pod sent back: the archive, or why it did not come. */
export type PodFiles =
  | { kind: 'archive'; archive: Buffer }
  | { kind: 'over'; maxBytes: number; files: FileEntry[]; more: number }
  | { kind: 'broken'; why: string; files: FileEntry[]; more: number };

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
  /** The files the pod sent back, once their last event was seen. */
  files: PodFiles | undefined;
  #parts: string[] = [];
  #partBytes = 0;
  #fresh = false;
  #tooMuch = false;

  /** `maxBytes`: the most the pod's files may pack to (more is not kept). */
  constructor(
    private readonly build: string,
    private readonly emit: (event: OutputEvent) => void,
    private readonly maxBytes = Number.POSITIVE_INFINITY,
  ) {}

  /** The RFC3339 time (whole seconds) of the last line seen ('' before any), for sinceTime. */
  get lastTime(): string {
    return this.#last ? `${this.#last.slice(0, 19)}Z` : '';
  }

  /** A fresh stream for one log request; lines at or before the last seen are skipped. */
  stream(): Writable {
    this.#fresh = true;
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
    // A reopened stream starts again at the last whole second seen: skip what was shown.
    if (this.#fresh && this.#last && stamp <= this.#last) return;
    this.#fresh = false;
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
      case 'pod-files':
        this.#podFiles(event);
        return;
      default:
        this.emit(event);
    }
  }

  #podFiles(event: PodFilesEvent): void {
    switch (event.kind) {
      case 'part':
        // At most the limit's worth in base64, however many parts arrive.
        if (typeof event.data !== 'string' || event.part !== this.#parts.length) return;
        this.#partBytes += event.data.length;
        if (this.#partBytes > (this.maxBytes * 4) / 3 + 4) this.#tooMuch = true;
        else this.#parts.push(event.data);
        return;
      case 'over':
        this.files = {
          kind: 'over',
          maxBytes: event.maxBytes,
          files: event.files ?? [],
          more: event.more ?? 0,
        };
        return;
      case 'end': {
        const files = event.files ?? [];
        const more = event.more ?? 0;
        if (this.#tooMuch) {
          this.files = { kind: 'broken', why: 'the pod sent more than the limit', files, more };
          return;
        }
        if (this.#parts.length !== event.parts) {
          this.files = {
            kind: 'broken',
            why: `${this.#parts.length} of its ${event.parts} parts were read from the pod's log`,
            files,
            more,
          };
          return;
        }
        const archive = Buffer.from(this.#parts.join(''), 'base64');
        const sha = createHash('sha256').update(archive).digest('hex');
        this.files =
          archive.length === event.bytes && sha === event.sha256
            ? { kind: 'archive', archive }
            : {
                kind: 'broken',
                why: "the archive read from the pod's log is not the one the pod sent",
                files,
                more,
              };
        this.#parts = [];
        return;
      }
    }
  }
}

/** A kubelet timestamp (RFC3339 with up to 9 fraction digits, UTC) that sorts as text; '' if it is none. */
function sortable(stamp: string): string {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?Z$/.exec(stamp);
  return m ? `${m[1]}.${(m[2] ?? '').padEnd(9, '0')}Z` : '';
}
