import type { Progress, Ui } from '../ui.js';

/**
 * A Ui that records everything, for tests: `lines` in order as Packer
 * shows them ("==> " say, "    " message, "!!! " error), the questions
 * asked and the progress updates. `answers` feed `ask`, in order; an Error
 * answer rejects; with none left it rejects as with no terminal.
 */
export class RecordingUi implements Ui {
  readonly lines: string[] = [];
  readonly questions: string[] = [];
  readonly updates: Progress[] = [];
  readonly #said: { kind: 'say' | 'message' | 'error'; text: string }[] = [];

  constructor(private readonly answers: (string | Error)[] = []) {}

  say(text: string): void {
    this.#record('say', '==> ', text);
  }
  message(text: string): void {
    this.#record('message', '    ', text);
  }
  error(text: string): void {
    this.#record('error', '!!! ', text);
  }
  progress(update: Progress): void {
    this.updates.push(update);
  }
  async ask(question: string): Promise<string> {
    this.questions.push(question);
    const a = this.answers.shift();
    if (a instanceof Error) throw a;
    if (a === undefined) throw new Error('cannot ask for input: stdin is not a terminal');
    return a;
  }

  /** Texts of one kind, in order, without prefixes. */
  texts(kind: 'say' | 'message' | 'error'): string[] {
    return this.#said.filter((l) => l.kind === kind).map((l) => l.text);
  }

  #record(kind: 'say' | 'message' | 'error', prefix: string, text: string): void {
    this.#said.push({ kind, text });
    this.lines.push(`${prefix}${text}`);
  }
}
