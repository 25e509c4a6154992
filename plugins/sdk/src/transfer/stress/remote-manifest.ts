import type { Communicator } from '../../communicator.js';

/** What the machine itself says about a file: SHA-256 and mode bits. */
export interface RemoteFile {
  sha256: string;
  mode: number;
}

/** Quotes a string for a POSIX shell. */
export function shQuote(s: string): string {
  return `'${s.replaceAll("'", "'\\''")}'`;
}

const SCRIPT =
  'cd "$1" && find . -type f | while IFS= read -r f; do ' +
  'h=$(sha256sum < "$f") && m=$(stat -c %a "$f") && printf "%s\\t%s\\t%s\\n" "${h%% *}" "$m" "${f#./}"; done';

/**
 * Lists every regular file under `dir` on the machine, hashed and stat'ed by
 * the machine's own tools (sha256sum, stat) over `exec`: the check happens at
 * the other end, not through the transfer code under test.
 */
export async function remoteManifest(comm: Communicator, dir: string): Promise<Map<string, RemoteFile>> {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const status = await comm.exec({
    command: `sh -c ${shQuote(SCRIPT)} sh ${shQuote(dir)}`,
    stdout: (c) => out.push(c),
    stderr: (c) => err.push(c),
  });
  if (status !== 0)
    throw new Error(`listing ${dir} on the machine failed (${status}): ${Buffer.concat(err)}`);
  const files = new Map<string, RemoteFile>();
  for (const line of Buffer.concat(out).toString('utf8').split('\n')) {
    if (!line) continue;
    const [sha, mode, ...rest] = line.split('\t');
    files.set(rest.join('\t'), { sha256: sha!, mode: Number.parseInt(mode!, 8) });
  }
  return files;
}

/** Runs a command on the machine and fails unless it exits 0. */
export async function remoteRun(comm: Communicator, command: string): Promise<void> {
  const err: Buffer[] = [];
  const status = await comm.exec({ command, stderr: (c) => err.push(c) });
  if (status !== 0) throw new Error(`${command}: exit ${status}: ${Buffer.concat(err)}`);
}
