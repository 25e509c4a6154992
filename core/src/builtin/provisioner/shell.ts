import { randomInt } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type {
  BuildContext,
  Communicator,
  PreparedProvisioner,
  ProvisionContext,
  Provisioner,
} from '@kiln/plugin-sdk';
import { parseDuration } from '@kiln/plugin-sdk';
import { sleep } from '../shared/abort.js';
import { decodeBuiltin, nonEmpty } from '../shared/config.js';
import { checkEnvVars, flattenEnvVars } from '../shared/env-vars.js';
import { checkExitCode } from '../shared/exit-codes.js';
import { renderGoTemplate } from '../shared/go-template.js';
import { type TempScript, writeInlineScript } from '../shared/inline-script.js';
import { retryUntil } from '../shared/retry.js';
import { requireCommunicator, runRemote } from './remote-run.js';
import { type ShellConfig, shellSchema } from './shell-schema.js';

/** Exit status communicators report for a dropped connection (Packer's CmdDisconnect). */
export const DISCONNECT_STATUS = 2300218;

/** The `shell` provisioner: uploads scripts and runs them through the communicator. */
export const shellProvisioner: Provisioner = {
  schema: shellSchema,
  description: shellSchema.description,
  async prepare(raw, build) {
    const { cfg, diags } = decodeBuiltin<ShellConfig>(shellSchema, raw);
    const inline = cfg.inline?.length ? cfg.inline : undefined;
    if (cfg.script && cfg.scripts?.length)
      diags.error('Only one of script or scripts can be specified.', ['script']);
    const scripts = cfg.script ? [cfg.script] : (cfg.scripts ?? []);
    if (scripts.length === 0 && !inline)
      diags.error('Either a script file or inline script must be specified.');
    else if (scripts.length > 0 && inline)
      diags.error('Only a script file or an inline script can be specified, not both.', ['inline']);
    scripts.forEach((s, i) => {
      if (!existsSync(s))
        diags.error(`Bad script '${s}': no such file`, cfg.script ? ['script'] : ['scripts', i]);
    });
    checkEnvVars(cfg.environment_vars, diags);
    const retryMs = parseDuration(cfg.start_retry_timeout);
    if (retryMs === undefined)
      diags.error(`Invalid duration "${cfg.start_retry_timeout}"`, ['start_retry_timeout']);
    const pauseMs = cfg.pause_after ? parseDuration(cfg.pause_after) : 0;
    if (pauseMs === undefined) diags.error(`Invalid duration "${cfg.pause_after}"`, ['pause_after']);
    diags.throwIfErrors();
    return new ShellRun(cfg, scripts, inline, retryMs || 300_000, pauseMs ?? 0, build);
  },
};

class ShellRun implements PreparedProvisioner {
  readonly #remotePath: string;
  readonly #executeCommand: string;
  readonly #envVarFormat: string;

  constructor(
    private readonly cfg: ShellConfig,
    private readonly scripts: string[],
    private readonly inline: string[] | undefined,
    private readonly retryMs: number,
    private readonly pauseMs: number,
    private readonly build: BuildContext,
  ) {
    const file = nonEmpty(cfg.remote_file) ?? `script_${randomInt(9999)}.sh`;
    this.#remotePath = nonEmpty(cfg.remote_path) ?? `${cfg.remote_folder}/${file}`;
    this.#executeCommand =
      nonEmpty(cfg.execute_command) ??
      (cfg.use_env_var_file
        ? 'chmod +x {{.Path}}; . {{.EnvVarFile}} && {{.Path}}'
        : 'chmod +x {{.Path}}; {{.Vars}} {{.Path}}');
    this.#envVarFormat =
      nonEmpty(cfg.env_var_format) ?? (cfg.use_env_var_file ? "export %s='%s'\n" : "%s='%s' ");
  }

  async provision(ctx: ProvisionContext): Promise<void> {
    const comm = requireCommunicator(ctx, 'shell');
    const { ui, signal } = ctx;
    let temp: TempScript | undefined;
    try {
      const scripts = [...this.scripts];
      if (this.inline) {
        temp = await writeInlineScript(this.inline, this.cfg.inline_shebang);
        scripts.push(temp.path);
      }
      const vars = flattenEnvVars(
        {
          buildName: this.build.buildName,
          builderType: this.build.builderType,
          environmentVars: this.cfg.environment_vars,
          env: this.cfg.env,
          generated: ctx.generatedData,
        },
        this.#envVarFormat,
      );
      let envVarFile = '';
      if (this.cfg.use_env_var_file) {
        envVarFile = `${this.cfg.remote_folder}/varfile_${randomInt(9999)}.sh`;
        await this.#uploadWithRetry(comm, envVarFile, Buffer.from(vars), 0o600, signal);
      }
      for (const path of scripts) {
        ui.say(`Provisioning with shell script: ${path}`);
        let body = await readFile(path);
        if (!this.cfg.binary) body = Buffer.from(body.toString('latin1').replace(/\r\n/g, '\n'), 'latin1');
        let command: string;
        try {
          command = renderGoTemplate(this.#executeCommand, {
            ...ctx.generatedData,
            Vars: vars,
            EnvVarFile: envVarFile,
            Path: this.#remotePath,
          });
        } catch (err) {
          throw new Error(`Error processing command: ${(err as Error).message}`);
        }
        await this.#uploadWithRetry(comm, this.#remotePath, body, 0o755, signal);
        const status = await runRemote(comm, command, ui, signal, this.cfg.expect_disconnect);
        if (status === DISCONNECT_STATUS) {
          if (!this.cfg.expect_disconnect) {
            throw new Error(
              'Script disconnected unexpectedly. If you expected your script to disconnect, i.e. from a ' +
                'restart, you can try adding `expect_disconnect = true` or ' +
                '`valid_exit_codes = [0, 2300218]` to the shell provisioner parameters.',
            );
          }
        } else {
          const bad = checkExitCode(status, this.cfg.valid_exit_codes);
          if (bad) throw bad;
        }
        if (!this.cfg.skip_clean) await this.#cleanup(comm, this.#remotePath, signal);
      }
      if (envVarFile !== '' && !this.cfg.skip_clean) await this.#cleanup(comm, envVarFile, signal);
      if (this.pauseMs > 0) {
        ui.say(`Pausing ${this.cfg.pause_after} after this provisioner...`);
        await sleep(this.pauseMs, signal);
      }
    } finally {
      await temp?.dispose();
    }
  }

  /**
   * Uploads a script or variable file with its mode. Packer runs `chmod`
   * as a command of its own after the upload; every communicator of Kiln's
   * (and the Packer bridge's) sets the mode it is given, checked by the
   * SDK's transfer conformance suite, which spares one round trip per
   * script. The default execute_command still begins with `chmod +x`.
   */
  #uploadWithRetry(comm: Communicator, dst: string, body: Buffer, mode: number, signal: AbortSignal) {
    return retryUntil(
      async () => {
        try {
          await comm.upload(dst, Readable.from([body]), { size: body.length, mode }, signal);
        } catch (err) {
          throw new Error(`Error uploading script: ${(err as Error).message}`);
        }
      },
      { timeoutMs: this.retryMs, signal },
    );
  }

  #cleanup(comm: Communicator, path: string, signal: AbortSignal) {
    return retryUntil(
      async () => {
        const status = await comm.exec({ command: `rm -f ${path}` }, signal);
        if (status === DISCONNECT_STATUS) throw new Error('Disconnect while removing temporary script.');
        if (status !== 0) throw new Error(`Error removing temporary script at ${path}!`);
      },
      { timeoutMs: this.retryMs, signal },
    );
  }
}
