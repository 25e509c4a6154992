import { describeExit, describePlugin, formatStderrTail } from '../launch/index.js';
import { FakeCore } from './fake-core.js';
import { fail, type Kit, type Outcome, pass } from './kit.js';
import { describeGrpcError } from './plugin-clients.js';
import { isRunning, processTree } from './process-tree.js';
import { startRun } from './start-run.js';
import { settlesWithin } from './wait.js';

/**
 * Crash mid-Run: a fresh process is prepared and run with the fixture, then
 * SIGKILLed while Run waits on the provision hook. The Run call must fail
 * promptly, the process tree must be gone, and the crash report must name
 * the plugin, its version, the signal and its last stderr lines.
 */
export async function checkCrash(kit: Kit, type: string, fixture: Record<string, unknown>): Promise<Outcome> {
  const { callMs, exitMs } = kit.timeouts;
  await using core = new FakeCore();
  await core.start();
  await using s = await kit.launch();
  const started = await startRun(kit, s, core, type, fixture);
  const reached = await started.reached;
  if (reached === 'returned')
    return fail('Run returned before the kit could crash it (no provision hook call)');
  const tree = processTree(s.plugin.pid);
  s.snapshot();
  s.plugin.kill('SIGKILL');
  const problems: string[] = [];
  const ended = await settlesWithin(started.run.result, callMs + exitMs);
  if (!ended) {
    const left = tree.filter(isRunning).map((p) => `${p.command} (pid ${p.pid})`);
    problems.push(
      `Run did not fail within ${callMs + exitMs} ms after the plugin was killed` +
        (left.length ? `; still running: ${left.join(', ')} (exec the real program, do not fork it)` : ''),
    );
    started.run.cancel();
  }
  const runError = await started.run.result.then(
    () => 'Run returned an artifact',
    (e) => describeGrpcError(e),
  );
  if (!(await settlesWithin(s.plugin.exited, exitMs)))
    problems.push(`the process did not exit within ${exitMs} ms`);
  const status = s.plugin.exitStatus() ?? { code: null, signal: null };
  const name = kit.plugin?.name ?? kit.target.name;
  const version = kit.plugin?.version ?? kit.target.version ?? '';
  const report =
    `${describePlugin({ ...s.plugin.identity, name, version })} crashed during Run (${describeExit(status)}). ` +
    formatStderrTail(s.plugin.stderrTail());
  for (const [what, text] of [
    ['name', name],
    ['version', version],
    ['signal', 'SIGKILL'],
  ]) {
    if (text && !report.includes(text)) problems.push(`the crash report lacks the plugin's ${what}`);
  }
  if (status.signal !== 'SIGKILL')
    problems.push(`it ended with ${describeExit(status)}, expected signal SIGKILL`);
  const details = [report, `Run: ${runError}`];
  return problems.length
    ? fail(problems.join('; '), details)
    : pass(`Run failed promptly (${runError})`, details);
}
