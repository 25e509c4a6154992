import { resolve } from 'node:path';
import type { Ui } from '@kiln/plugin-sdk';
import { runProcess } from '../local/run-process.js';
import { flattenEnvVars } from '../shared/env-vars.js';
import { checkExitCode } from '../shared/exit-codes.js';
import { renderGoTemplate } from '../shared/go-template.js';
import { writeInlineScript } from '../shared/inline-script.js';
import { LineOutput } from '../shared/line-output.js';
import type { ShellLocalPlan } from './config.js';

/** The OS name only_on compares with (Go's GOOS for this host). */
export function hostOs(): string {
  const map: Record<string, string> = { win32: 'windows', sunos: 'solaris' };
  return map[process.platform] ?? process.platform;
}

/**
 * Runs a shell-local plan on this host: each script through execute_command,
 * output relayed to the ui, exit status checked. Skips (with a message) when
 * only_on does not name this OS.
 */
export async function runShellLocal(
  plan: ShellLocalPlan,
  ui: Ui,
  generated: Record<string, unknown>,
  signal: AbortSignal,
): Promise<void> {
  const { cfg } = plan;
  if (cfg.only_on?.length && !cfg.only_on.includes(hostOs())) {
    ui.say('Skipping shell-local due to runtime OS');
    return;
  }
  await using temp = plan.inline
    ? await writeInlineScript(plan.inline, cfg.inline_shebang, cfg.tempfile_extension ?? '')
    : undefined;
  const scripts = temp ? [temp.path] : plan.scripts;
  const vars = flattenEnvVars(
    {
      buildName: plan.build.buildName,
      builderType: plan.build.builderType,
      environmentVars: cfg.environment_vars,
      env: cfg.env,
      generated,
    },
    plan.envVarFormat,
  );
  for (const script of scripts) {
    const abs = resolve(script);
    let argv: string[];
    try {
      const data = { ...generated, Vars: vars, Script: abs, Command: abs };
      argv = cfg.execute_command.map((a) => renderGoTemplate(a, data));
    } catch (err) {
      throw new Error(`Error processing command: ${(err as Error).message}`);
    }
    ui.say(`Running local shell script: ${script}`);
    const out = new LineOutput((l) => ui.message(l));
    const err = new LineOutput((l) => ui.error(l));
    let status: number;
    try {
      status = await runProcess({ argv, stdout: (c) => out.push(c), stderr: (c) => err.push(c) }, signal);
    } catch (e) {
      if (signal.aborted) throw e;
      throw new Error(
        `Error executing script: ${abs}\n\n${(e as Error).message}\nPlease see output above for more information.`,
      );
    } finally {
      out.flush();
      err.flush();
    }
    const bad = checkExitCode(status, cfg.valid_exit_codes);
    if (bad) throw bad;
  }
}
