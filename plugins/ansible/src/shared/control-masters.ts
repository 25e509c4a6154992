import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Ends the OpenSSH connection-sharing masters Ansible left in `dir` (its
 * ControlPersist keeps them for a minute after the play): `ssh -O exit` on
 * each control socket. Missing directory or ssh: nothing to do.
 */
export async function closeControlMasters(dir: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  await Promise.all(
    names.map(
      (n) =>
        new Promise<void>((resolve) => {
          execFile(
            'ssh',
            ['-o', `ControlPath=${join(dir, n)}`, '-O', 'exit', 'kiln-control-master'],
            { timeout: 5000 },
            () => resolve(),
          );
        }),
    ),
  );
}
