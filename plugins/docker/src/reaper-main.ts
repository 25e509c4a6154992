/**
 * The watchdog started by reaper.ts: waits for its stdin to close (the
 * plugin process is gone), then force-removes the containers labelled with
 * the token it was given, and exits.
 */
import Docker from 'dockerode';
import { REAPER_LABEL } from './reaper.js';

const token = process.argv[2];
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(sig, () => {});
process.stdin.on('data', () => {});
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
      containers.map((c) => docker.getContainer(c.Id).remove({ force: true, v: true })),
    );
  };
  try {
    await sweep();
    // A create that was in flight when the plugin died may land a moment later.
    await new Promise((r) => setTimeout(r, 2000));
    await sweep();
  } finally {
    process.exit(0);
  }
}
