import { existsSync } from 'node:fs';
import { describeExit, formatStderrTail } from '../launch/index.js';
import { fail, type Kit, type Outcome, pass, type Session } from './kit.js';
import { canInspectProcesses, isRunning, processesWithEnv } from './process-tree.js';
import { settlesWithin, until } from './wait.js';

/** Closing the plugin's stdin (core went away) makes it exit within the bound. */
export async function checkStdinClose(kit: Kit, s: Session): Promise<Outcome> {
  const early = s.plugin.exitStatus();
  if (early) {
    return fail(`it had already ended (${describeExit(early)}) before its stdin was closed`, [
      formatStderrTail(s.plugin.stderrTail()),
    ]);
  }
  s.snapshot();
  s.clients.close();
  s.plugin.process.stdin?.end();
  const { exitMs } = kit.timeouts;
  if (!(await settlesWithin(s.plugin.exited, exitMs))) {
    return fail(
      `it was still running ${exitMs} ms after its stdin closed; a plugin must exit when Kiln goes away`,
    );
  }
  const status = s.plugin.exitStatus();
  const how = status ? describeExit(status) : 'unknown status';
  if (status?.signal) return fail(`it ended with ${how} instead of exiting by itself`);
  return pass(`exited with ${how}`);
}

/**
 * After every process the kit started is gone: none of their descendants
 * still runs, and no socket or socket directory is left. Leaked processes
 * are killed after being reported.
 */
export async function checkLeaks(kit: Kit): Promise<Outcome> {
  const problems: string[] = [];
  const procs = [...kit.processes.values()];
  if (canInspectProcesses()) {
    const marked = () => processesWithEnv(`${kit.marker.name}=${kit.marker.value}`);
    await until(() => !procs.some(isRunning) && marked().length === 0, kit.timeouts.exitMs);
    const left = new Map(
      [...procs.filter(isRunning), ...marked()].map((p) => [`${p.pid}:${p.startTime}`, p]),
    );
    for (const p of left.values()) {
      problems.push(`process ${p.command} (pid ${p.pid}) is still running`);
      try {
        process.kill(p.pid, 'SIGKILL');
      } catch {}
    }
  }
  for (const path of [...kit.socketPaths, ...kit.socketDirs]) {
    if (existsSync(path)) problems.push(`${path} is left behind`);
  }
  if (problems.length) return fail(problems.join('; '));
  const scope = canInspectProcesses()
    ? `${procs.length} process(es) gone`
    : 'process tree not inspectable here';
  return pass(
    `${scope}; ${kit.socketDirs.size} socket director${kit.socketDirs.size === 1 ? 'y' : 'ies'} removed`,
  );
}

/** Nothing but the handshake line on stdout, in every process the kit started. */
export async function checkStdout(kit: Kit): Promise<Outcome> {
  const n = kit.stdoutNoise.length;
  if (n === 0) return pass('only the handshake line');
  return fail(
    `${n} line(s) on stdout after the handshake; stdout carries the handshake only, logs go to stderr`,
    kit.stdoutNoise.slice(0, 5).map((l) => JSON.stringify(l)),
  );
}
