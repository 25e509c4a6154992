import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BuildContext, Communicator, Hook } from '@kiln/plugin-sdk';
import Docker from 'dockerode';

/** The local base image the test environment builds (test/env/up.sh). */
export const TEST_IMAGE = process.env.KILN_TEST_IMAGE ?? 'kiln-test/busybox:latest';

/** A build context with a fresh run id. */
export function testBuild(name = 'docker.test'): BuildContext {
  return {
    runId: randomUUID(),
    buildName: name,
    builderType: 'docker',
    debug: false,
    force: false,
    onError: 'cleanup',
    templateDir: process.cwd(),
    userVariables: {},
  };
}

/** A hook whose "provision" runs `fn` against the builder's communicator. */
export function provisionHook(fn: (comm: Communicator, signal: AbortSignal) => Promise<void>): Hook {
  return {
    async run(name, comm, _data, signal) {
      if (name === 'provision' && comm) await fn(comm, signal);
    },
  };
}

/**
 * Why the engine tests cannot run here, or undefined when they can. Builds
 * the test image through test/env/up.sh when the engine answers but the
 * image is missing.
 */
export async function engineUnavailable(): Promise<string | undefined> {
  const docker = new Docker();
  try {
    await docker.ping();
  } catch {
    return 'no Docker Engine answers (run test/env/up.sh)';
  }
  try {
    await docker.getImage(TEST_IMAGE).inspect();
    return undefined;
  } catch {}
  const up = fileURLToPath(new URL('../../../test/env/up.sh', import.meta.url));
  if (existsSync(up)) {
    try {
      execFileSync('bash', [up, 'image'], { stdio: 'ignore', timeout: 120_000 });
      await docker.getImage(TEST_IMAGE).inspect();
      return undefined;
    } catch {}
  }
  return `the test image ${TEST_IMAGE} is missing (run test/env/up.sh)`;
}

/** Ids of containers carrying a label value. */
export async function containersLabelled(label: string, value: string): Promise<string[]> {
  const list = await new Docker().listContainers({ all: true, filters: { label: [`${label}=${value}`] } });
  return list.map((c) => c.Id);
}

/** A unique image repository name for one test. */
export function uniqueRepo(prefix = 'kiln-test/t'): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}
