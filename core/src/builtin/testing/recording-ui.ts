import type { BuildContext, Progress, Ui } from '@kiln/plugin-sdk';

/** A Ui that records everything said, for tests; `answers` feed `ask`. */
export class RecordingUi implements Ui {
  readonly lines: { kind: 'say' | 'message' | 'error'; text: string }[] = [];
  readonly questions: string[] = [];
  readonly progressUpdates: Progress[] = [];

  constructor(private readonly answers: (string | Error)[] = []) {}

  say(text: string): void {
    this.lines.push({ kind: 'say', text });
  }
  message(text: string): void {
    this.lines.push({ kind: 'message', text });
  }
  error(text: string): void {
    this.lines.push({ kind: 'error', text });
  }
  progress(update: Progress): void {
    this.progressUpdates.push(update);
  }
  async ask(question: string): Promise<string> {
    this.questions.push(question);
    const a = this.answers.shift();
    if (a instanceof Error) throw a;
    if (a === undefined) throw new Error('no terminal to answer');
    return a;
  }

  /** Texts of one kind, in order. */
  texts(kind: 'say' | 'message' | 'error'): string[] {
    return this.lines.filter((l) => l.kind === kind).map((l) => l.text);
  }
}

/** A BuildContext for tests. */
export function testBuildContext(overrides: Partial<BuildContext> = {}): BuildContext {
  return {
    runId: 'run-1234',
    buildName: 'test.null.example',
    builderType: 'null',
    debug: false,
    force: false,
    onError: 'cleanup',
    templateDir: process.cwd(),
    userVariables: {},
    ...overrides,
  };
}
