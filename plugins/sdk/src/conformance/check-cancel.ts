import type { FakeCore } from './fake-core.js';
import { fail, type Kit, type Outcome, pass, type Session } from './kit.js';
import { describeGrpcError } from './plugin-clients.js';
import { startRun } from './start-run.js';
import { settlesWithin, until } from './wait.js';

/** Waits until the fake core has heard nothing new for `quietMs`, at most `maxMs`. */
async function quiet(core: FakeCore, quietMs: number, maxMs: number): Promise<void> {
  const end = Date.now() + maxMs;
  let count = -1;
  let since = Date.now();
  await until(() => {
    if (core.ui.length !== count) {
      count = core.ui.length;
      since = Date.now();
    }
    return Date.now() - since >= quietMs || Date.now() >= end;
  }, maxMs);
}

/**
 * Cancellation mid-Run: the builder is prepared with the fixture and run;
 * once it calls Hook.Run("provision") (which blocks), the kit cancels Run.
 * The plugin must cancel its hook call promptly, say what it cleans up, and
 * stay healthy.
 */
export async function checkCancel(
  kit: Kit,
  s: Session,
  core: FakeCore,
  type: string,
  fixture: Record<string, unknown>,
): Promise<Outcome> {
  const { cancelMs } = kit.timeouts;
  const started = await startRun(kit, s, core, type, fixture);
  const reached = await started.reached;
  if (reached === 'returned') {
    const how = await started.run.result.then(
      () => 'with an artifact',
      (e) => `with ${describeGrpcError(e)}`,
    );
    return fail(
      `Run returned (${how}) before the kit could cancel it: the builder never called Hook.Run("provision")`,
    );
  }
  s.snapshot();
  const problems: string[] = [];
  if (reached === 'timeout') {
    problems.push(
      `Run did not call Hook.Run("provision") within ${kit.timeouts.runMs} ms; cancelled it anyway`,
    );
  } else {
    if (reached.name !== 'provision')
      problems.push(`the hook was named ${JSON.stringify(reached.name)}, not "provision"`);
    if (reached.sessionId !== started.sessionId) problems.push("Hook.Run did not carry the Run's session_id");
  }
  const uiBefore = core.ui.length;
  const t0 = Date.now();
  started.run.cancel();
  if (reached !== 'timeout' && !(await settlesWithin(reached.cancelled, cancelMs))) {
    problems.push(
      `it did not cancel its Hook.Run call within ${cancelMs} ms after Run was cancelled: ` +
        'a cancelled Run must cancel everything it is waiting for',
    );
  }
  const propagatedMs = Date.now() - t0;
  await quiet(core, 500, cancelMs);
  const after = core.ui.slice(uiBefore);
  if (after.length === 0) {
    problems.push('it said nothing after the cancel: a builder should tell the user what it cleans up');
  }
  const foreign = core.ui.filter((m) => m.sessionId !== started.sessionId);
  if (foreign.length > 0) problems.push(`${foreign.length} Ui call(s) did not carry the Run's session_id`);
  if (core.refused.length > 0) {
    problems.push(`it called core without core's token: ${[...new Set(core.refused)].join(', ')}`);
  }
  try {
    const h = await s.call<{ status: string }>('health', 'Check', { service: '' });
    if (h.status !== 'SERVING') problems.push(`after the cancel its health is ${h.status}`);
    await s.call('plugin', 'Describe', {});
  } catch (e) {
    problems.push(`after the cancel it no longer answers: ${describeGrpcError(e)}`);
  }
  const details = after.map((m) => `${m.method}: ${m.text}`);
  if (problems.length) return fail(problems.join('; '), details);
  return pass(
    `hook cancelled ${propagatedMs} ms after Run; ${after.length} cleanup message(s); still healthy`,
    details,
  );
}
