import { execFile } from 'node:child_process';

/** The oldest Ansible the provisioners are tested with and support. */
export const MINIMUM_ANSIBLE = [2, 9] as const;

const cache = new Map<string, Promise<string>>();

/**
 * Runs `<command> --version` on this machine and returns the version
 * ("2.19.4"); throws an Error saying what to do when the command is missing,
 * fails, or is older than {@link MINIMUM_ANSIBLE}. Memoised per command.
 */
export function checkAnsibleVersion(command: string, attribute: string): Promise<string> {
  let p = cache.get(command);
  if (!p) {
    p = probe(command, attribute);
    cache.set(command, p);
    p.catch(() => cache.delete(command));
  }
  return p;
}

function probe(command: string, attribute: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, ['--version'], { timeout: 60_000, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT')
          return reject(
            new Error(
              `${command} was not found on PATH: install Ansible on this machine (e.g. pip install ansible-core), put its bin directory on PATH, or set ${attribute} to its path`,
            ),
          );
        return reject(
          new Error(
            `"${command} --version" failed: ${(stderr || error.message).trim().split('\n').slice(-3).join(' ')}`,
          ),
        );
      }
      const m = /\w (\d+\.\d+(?:\.\d+)*)/.exec(stdout);
      if (!m?.[1])
        return reject(new Error(`could not find the version of ${command} in its output:\n${stdout.trim()}`));
      const [major = 0, minor = 0] = m[1].split('.').map(Number);
      if (major < MINIMUM_ANSIBLE[0] || (major === MINIMUM_ANSIBLE[0] && minor < MINIMUM_ANSIBLE[1]))
        return reject(
          new Error(
            `${command} is version ${m[1]}; Kiln needs Ansible ${MINIMUM_ANSIBLE.join('.')} or newer: upgrade it (pip install --upgrade ansible-core), or set skip_version_check = true to try anyway`,
          ),
        );
      resolve(m[1]);
    });
  });
}
