import type { v1 } from '@kiln/proto';
import { describeExit, formatStderrTail } from '../launch/index.js';
import { fail, type Kit, type Outcome, pass, type Session } from './kit.js';
import { describeGrpcError } from './plugin-clients.js';
import { settlesWithin } from './wait.js';

const PREPARE: Record<
  string,
  [client: 'builder' | 'provisioner' | 'postProcessor' | 'dataSource', method: string]
> = {
  BUILDER: ['builder', 'Prepare'],
  PROVISIONER: ['provisioner', 'Prepare'],
  POST_PROCESSOR: ['postProcessor', 'Configure'],
  DATA_SOURCE: ['dataSource', 'Configure'],
};

/** Prepare/Configure of a type the plugin does not serve: an error diagnostic, not a failed call. */
export async function checkUnknownType(s: Session, kinds: readonly string[]): Promise<Outcome> {
  const problems: string[] = [];
  for (const kind of new Set(kinds)) {
    const target = PREPARE[kind];
    if (!target) continue;
    const [client, method] = target;
    const what = `${method} of an unknown ${kind.toLowerCase().replace('_', '-')} type`;
    try {
      const res = await s.call<{ instanceId: string; diagnostics: v1.Diagnostic__Output[] }>(client, method, {
        type: 'kiln-conformance-no-such-type',
        configJson: '{}',
      });
      if (!res.diagnostics.some((d) => d.severity === 'ERROR'))
        problems.push(`${what} gave no error diagnostic`);
      if (res.instanceId) problems.push(`${what} returned an instance_id`);
    } catch (e) {
      problems.push(`${what} failed the call (${describeGrpcError(e)}); answer with an error diagnostic`);
    }
  }
  return problems.length ? fail(problems.join('; ')) : pass('answered with error diagnostics');
}

/** Plugin.Shutdown: answered at once, then the process exits with status 0 within the grace period. */
export async function checkShutdown(kit: Kit): Promise<Outcome> {
  await using s = await kit.launch();
  const graceMs = 2000;
  try {
    await s.call('plugin', 'Shutdown', { graceMs });
  } catch (e) {
    return fail(`Shutdown failed: ${describeGrpcError(e)}`);
  }
  if (!(await settlesWithin(s.plugin.exited, graceMs + kit.timeouts.exitMs))) {
    return fail(
      `it was still running ${graceMs + kit.timeouts.exitMs} ms after Shutdown(grace_ms=${graceMs})`,
    );
  }
  const status = s.plugin.exitStatus();
  if (status?.code !== 0) {
    return fail(
      `it ended with ${status ? describeExit(status) : 'unknown status'} after Shutdown; expected exit code 0`,
      [formatStderrTail(s.plugin.stderrTail())],
    );
  }
  return pass('answered and exited with code 0');
}
