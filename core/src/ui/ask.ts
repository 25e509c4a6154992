import { createInterface } from 'node:readline';

let queue: Promise<unknown> = Promise.resolve();

/**
 * Reads one answer from a terminal stdin, one question at a time across all
 * builds. Rejects when stdin is not a terminal (no one can answer).
 */
export function askTerminal(
  prompt: string,
  input: NodeJS.ReadStream = process.stdin,
  output: NodeJS.WritableStream = process.stdout,
): Promise<string> {
  const next = queue.then(
    () =>
      new Promise<string>((resolve, reject) => {
        if (!input.isTTY) {
          reject(new Error('cannot ask for input: stdin is not a terminal'));
          return;
        }
        output.write(prompt);
        const rl = createInterface({ input, terminal: false });
        rl.once('line', (answer) => {
          // Resolve before close: closing emits 'close' at once, which answers "".
          resolve(answer);
          rl.close();
        });
        rl.once('close', () => resolve(''));
      }),
  );
  queue = next.catch(() => undefined);
  return next;
}
