/**
 * The watchdog started by reaper.ts: waits for its stdin to close (the
 * plugin process is gone), then force-removes the containers labelled with
 * the token it was given and the temporary directories with its prefix
 * (cleanups already removed them after a normal exit), and exits.
 */
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Docker from 'dockerode';
import { REAPER_LABEL } from './reaper.js';

const [token, tempRoot, tempPrefix] = process.argv.slice(2);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(sig, () => {});
/** What the plugin asked to leave (-on-error=abort): container ids and directory paths. */
const kept = new Set<string>();
let pending = '';
process.stdin.on('data', (chunk: Buffer) => {
  const lines = (pending + chunk.toString()).split('\n');
  pending = lines.pop() ?? '';
  for (const line of lines) {
    const [verb, value] = [line.slice(0, line.indexOf(' ')), line.slice(line.indexOf(' ') + 1)];
    if (verb === 'keep-container' || verb === 'keep-dir') kept.add(value);
  }
});
process.stdin.on('error', () => reap());
process.stdin.on('end', () => reap());
process.stdin.on('close', () => reap());

let reaping = false;
async function reap(): Promise<void> {
  if (reaping || !token) return;
  reaping = true;
  setTimeout(() => process.exit(1), 30_000).unref();
  const docker = new Docker();
  const sweep = async () => {
    const containers = await docker.listContainers({
      all: true,
      filters: { label: [`${REAPER_LABEL}=${token}`] },
    });
    await Promise.allSettled(
      containers
        .filter((c) => !kept.has(c.Id))
        .map((c) => docker.getContainer(c.Id).remove({ force: true, v: true })),
    );
  };
  try {
    removeTempDirs();
    await sweep();
    // A create that was in flight when the plugin died may land a moment
    // later, and the Engine then makes its missing bind-mount directory
    // again: sweep both once more.
    await new Promise((r) => setTimeout(r, 2000));
    await sweep();
    removeTempDirs();
  } finally {
    process.exit(0);
  }
}

function removeTempDirs(): void {
  if (!tempRoot || !tempPrefix) return;
  let names: string[] = [];
  try {
    names = readdirSync(tempRoot);
  } catch {
    return;
  }
  for (const name of names) {
    if (name.startsWith(tempPrefix) && !kept.has(join(tempRoot, name)))
      rmSync(join(tempRoot, name), { recursive: true, force: true });
  }
}
