import { spawn } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PluginInstallError } from './install-error.js';
import type { NpmConfig } from './npm-config.js';

/**
 * Installs a staged package's own dependencies with npm: production only,
 * install scripts disabled, with the same npm configuration kiln resolved
 * with (the user's and the project's .npmrc, passed as --userconfig).
 */
export async function installDependencies(dir: string, npm: NpmConfig, timeoutMs = 600_000): Promise<void> {
  const userconfig = join(dir, '..', `npmrc-${process.pid}`);
  await writeFile(userconfig, npm.npmrcText, { mode: 0o600 });
  const args = [
    'install',
    '--omit=dev',
    '--ignore-scripts',
    '--no-audit',
    '--no-fund',
    '--no-update-notifier',
    '--workspaces=false',
    '--loglevel=error',
    `--userconfig=${userconfig}`,
  ];
  try {
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, {
        cwd: dir,
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, npm_config_userconfig: userconfig },
        timeout: timeoutMs,
      });
      let err = '';
      child.stderr.on('data', (d: Buffer) => {
        err = (err + d.toString()).slice(-4000);
      });
      child.on('error', reject);
      child.on('close', (c) => resolve({ code: c, stderr: err }));
    });
    if (code !== 0)
      throw new PluginInstallError(
        `installing the dependencies of the plugin in ${dir} with npm failed (exit ${code}):\n${stderr.trim()}`,
      );
  } catch (error) {
    if (error instanceof PluginInstallError) throw error;
    throw new PluginInstallError(
      `cannot run npm to install plugin dependencies: ${(error as Error).message}`,
    );
  } finally {
    await rm(userconfig, { force: true });
  }
}

/**
 * Packs a plugin package directory with `npm pack` (its "files", no
 * scripts) into `dest`, as it would be published; returns the tarball path.
 */
export async function packDirectory(dir: string, dest: string): Promise<string> {
  const { execFile } = await import('node:child_process');
  const out = await new Promise<string>((resolve, reject) => {
    execFile(
      process.platform === 'win32' ? 'npm.cmd' : 'npm',
      [
        'pack',
        '--ignore-scripts',
        '--json',
        '--workspaces=false',
        '--loglevel=error',
        `--pack-destination=${dest}`,
      ],
      { cwd: dir, timeout: 120_000, maxBuffer: 16 << 20 },
      (error, stdout, stderr) =>
        error
          ? reject(new PluginInstallError(`npm pack of ${dir} failed: ${stderr.trim() || error.message}`))
          : resolve(stdout),
    );
  });
  const [first] = JSON.parse(out) as { filename: string }[];
  if (!first) throw new PluginInstallError(`npm pack of ${dir} produced no tarball`);
  return join(dest, first.filename.replace(/^@/, '').replace('/', '-'));
}
