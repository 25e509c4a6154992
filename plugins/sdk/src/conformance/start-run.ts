import { randomBytes } from 'node:crypto';
import type { v1 } from '@kiln/proto';
import type { FakeCore, HookRecord } from './fake-core.js';
import type { Kit, Session } from './kit.js';
import type { PendingCall } from './plugin-clients.js';
import { timer } from './wait.js';

/** A builder Run in flight, started by {@link startRun}. */
export interface StartedRun {
  sessionId: string;
  run: PendingCall<v1.BuilderRunResponse__Output>;
  /** The provision hook call once it came; 'returned' when Run ended first; 'timeout' when neither did in time. */
  reached: Promise<HookRecord | 'returned' | 'timeout'>;
}

/** Plays core: Connect to the fake core, Prepare the builder with the fixture, start Run. Throws on failure. */
export async function startRun(
  kit: Kit,
  s: Session,
  core: FakeCore,
  type: string,
  fixture: Record<string, unknown>,
): Promise<StartedRun> {
  await s.call('plugin', 'Connect', { coreAddress: core.address, coreToken: core.token });
  const runId = randomBytes(8).toString('hex');
  const prepared = await s.call<v1.BuilderPrepareResponse__Output>('builder', 'Prepare', {
    type,
    configJson: JSON.stringify(fixture),
    context: {
      runId,
      buildName: `conformance.${type}`,
      builderType: type,
      onError: 'cleanup',
      templateDir: process.cwd(),
      userVariablesJson: '{}',
    },
  });
  const errors = prepared.diagnostics.filter((d) => d.severity === 'ERROR');
  if (errors.length > 0) {
    const list = errors.map((d) =>
      `${d.attributePath.join('.') || '(body)'}: ${d.summary} ${d.detail}`.trim(),
    );
    throw new Error(`Prepare refused the fixture config: ${list.join('; ')}`);
  }
  if (!prepared.instanceId) throw new Error('Prepare returned no instance_id and no error');
  const sessionId = `conformance-${runId}`;
  const run = s.start<v1.BuilderRunResponse__Output>('builder', 'Run', {
    instanceId: prepared.instanceId,
    sessionId,
  });
  run.result.catch(() => {});
  const bound = timer(kit.timeouts.runMs);
  const reached = Promise.race([
    core.nextHook(),
    run.result.then(
      () => 'returned' as const,
      () => 'returned' as const,
    ),
    bound.elapsed.then(() => 'timeout' as const),
  ]).finally(bound.clear);
  return { sessionId, run, reached };
}
