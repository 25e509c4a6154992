import type { Progress, Ui } from '@kiln/plugin-sdk';
import type { OutputSink } from './events.js';

/** The SDK Ui a build's components write to: every line attributed to the build (and post-processor). */
export function buildUi(sink: OutputSink, build: string, source?: string): Ui {
  const ui = (level: 'say' | 'message' | 'error') => (text: string) =>
    sink.emit({ type: 'ui', build, level, text, ...(source ? { source } : {}) });
  return {
    say: ui('say'),
    message: ui('message'),
    error: ui('error'),
    progress: (progress: Progress) => sink.emit({ type: 'progress', build, progress }),
    ask: (question: string) => sink.ask(build, question),
  };
}
