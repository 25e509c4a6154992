import type { Masker, OutputEvent, OutputSink } from './events.js';

/** Options of {@link JsonOutput}. */
export interface JsonOutputOptions {
  write(text: string): void;
  mask?: Masker;
  now?: () => Date;
}

/**
 * `-output=json`: one JSON object per line, for tools. Every object has
 * `time` (RFC3339) and `type` (the {@link OutputEvent} type); the rest are
 * the event's fields (see docs/commands/build.md).
 */
export class JsonOutput implements OutputSink {
  readonly #o: JsonOutputOptions;

  constructor(options: JsonOutputOptions) {
    this.#o = options;
  }

  emit(event: OutputEvent): void {
    const mask = this.#o.mask ?? ((s: string) => s);
    const masked = maskEvent(event, mask);
    const time = (this.#o.now?.() ?? new Date()).toISOString();
    this.#o.write(`${JSON.stringify({ time, ...masked })}\n`);
  }

  ask(): Promise<string> {
    return Promise.reject(new Error('cannot ask for input with -output=json'));
  }
}

function maskEvent(event: OutputEvent, mask: Masker): OutputEvent {
  switch (event.type) {
    case 'ui':
    case 'notice':
      return { ...event, text: mask(event.text) };
    case 'build-errored':
      return { ...event, error: mask(event.error) };
    case 'summary':
      return {
        ...event,
        builds: event.builds.map((b) => ({
          name: b.name,
          artifacts: b.artifacts.map((a) => ({ ...a, description: mask(a.description) })),
          ...(b.error !== undefined ? { error: mask(b.error) } : {}),
        })),
      };
    case 'files-returned':
      return { ...event, files: event.files.map((f) => ({ ...f, path: mask(f.path) })) };
    default:
      return event;
  }
}
