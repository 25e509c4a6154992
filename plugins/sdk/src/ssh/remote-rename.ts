import { Readable } from 'node:stream';
import type { RemoteCommand } from '../communicator.js';
import { shellQuote } from './quote.js';

/** A file sent under a temporary name, to be given its mode and final name once complete. */
export interface PendingRename {
  /** Both relative to the directory given to {@link commitRenames}, or absolute. */
  temp: string;
  final: string;
  mode: number;
}

type Exec = (cmd: RemoteCommand, signal?: AbortSignal) => Promise<number>;

// Three lines per file (scp cannot carry a newline in a name, so none is lost).
const COMMIT =
  'cd "$1" || exit 1; while IFS= read -r m && IFS= read -r t && IFS= read -r f; do ' +
  'if [ -d "$f" ]; then echo "$f is a directory" >&2; exit 1; fi; ' +
  'chmod "$m" "$t" && mv -f "$t" "$f" || exit 1; done';
const REMOVE = 'cd "$1" || exit 0; while IFS= read -r t; do rm -f "$t"; done';

function lines(values: string[]): Readable {
  for (const v of values)
    if (v.includes('\n')) throw new Error(`a file name holds a newline: ${JSON.stringify(v)}`);
  return Readable.from([Buffer.from(values.map((v) => `${v}\n`).join(''))]);
}

/**
 * On the machine, in one command: sets each temporary file's mode exactly
 * (scp's own is filtered by the remote umask) and renames it to its final
 * name, which therefore only ever holds a complete file.
 */
export async function commitRenames(
  exec: Exec,
  dir: string,
  items: readonly PendingRename[],
  signal?: AbortSignal,
): Promise<void> {
  if (items.length === 0) return;
  const err: Buffer[] = [];
  const status = await exec(
    {
      command: `sh -c ${shellQuote(COMMIT)} sh ${shellQuote(dir)}`,
      stdin: lines(items.flatMap((i) => [(i.mode & 0o7777).toString(8), i.temp, i.final])),
      stderr: (c) => err.push(c),
    },
    signal,
  );
  if (status !== 0)
    throw new Error(
      `cannot move the uploaded files into place (${status}): ${Buffer.concat(err).toString().trim()}`,
    );
}

/** Best effort, bounded: removes temporary files a failed or cancelled upload left on the machine. */
export async function removeTemps(exec: Exec, dir: string, temps: readonly string[]): Promise<void> {
  if (temps.length === 0) return;
  await exec(
    { command: `sh -c ${shellQuote(REMOVE)} sh ${shellQuote(dir)}`, stdin: lines([...temps]) },
    AbortSignal.timeout(10_000),
  ).catch(() => {});
}
