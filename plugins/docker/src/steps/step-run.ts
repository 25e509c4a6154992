import type { Step } from '@kiln/plugin-sdk';
import { Diagnostics } from '@kiln/plugin-sdk';
import type { ContainerSpec } from '../driver.js';
import { parseRunCommand } from '../run-command.js';
import type { DockerBuildState } from '../state.js';

/** Labels on every container the builder starts. */
export const RUN_LABEL = 'io.kiln.run';
export const BUILD_LABEL = 'io.kiln.build';
/** The pid of the plugin process that started the container: kiln cleanup leaves containers of live plugins alone. */
export const OWNER_LABEL = 'io.kiln.owner-pid';

/** Builds the Engine API container from run_command and the builder's options. */
export function containerSpec(state: DockerBuildState): ContainerSpec {
  const { config, build } = state;
  const diags = new Diagnostics();
  const run = parseRunCommand(config.runCommand, config.image, 'run_command', diags);
  diags.throwIfErrors();
  const binds = [...run.binds];
  if (state.tempDir) binds.push(`${state.tempDir}:${config.containerDir}`);
  for (const [host, target] of Object.entries(config.volumes)) binds.push(`${host}:${target}`);
  const tmpfs: Record<string, string> = {};
  for (const t of config.tmpfs) {
    const i = t.indexOf(':');
    tmpfs[i < 0 ? t : t.slice(0, i)] = i < 0 ? '' : t.slice(i + 1);
  }
  return {
    image: state.startImage ?? run.image,
    ...(run.entrypoint ? { entrypoint: run.entrypoint } : {}),
    cmd: run.cmd,
    env: run.env,
    labels: {
      ...run.labels,
      [RUN_LABEL]: build.runId,
      [BUILD_LABEL]: build.buildName,
      [OWNER_LABEL]: String(process.pid),
      ...state.reaper.labels(),
    },
    binds,
    tty: run.tty,
    openStdin: run.openStdin,
    ...(run.user ? { user: run.user } : {}),
    ...(run.workingDir ? { workingDir: run.workingDir } : {}),
    ...(run.networkMode ? { networkMode: run.networkMode } : {}),
    ...(run.hostname ? { hostname: run.hostname } : {}),
    privileged: config.privileged || run.privileged,
    capAdd: config.capAdd,
    capDrop: config.capDrop,
    tmpfs,
    devices: config.device.map((d) => {
      const [host = '', inside, perms] = d.split(':');
      return { PathOnHost: host, PathInContainer: inside || host, CgroupPermissions: perms || 'rwm' };
    }),
    ...(config.platform ? { platform: config.platform } : {}),
    ...(config.runtime ? { runtime: config.runtime } : {}),
  };
}

/** Starts the build container; its cleanup kills and removes it. */
export const stepRun: Step<DockerBuildState> = {
  name: 'run',
  async run(state, { ui }) {
    const spec = containerSpec(state);
    if (state.idle) {
      // Every provisioner is restored: the container only carries the
      // entry's file system to the commit or export.
      state.reaper.ensureStarted();
      state.containerId = await state.driver.createContainer(spec);
      ui.say(
        'Created the container from the step cache image without starting it: every provisioner is restored',
      );
      ui.message(`Container ID: ${state.containerId}`);
      state.generatedData.ContainerId = state.containerId;
      return;
    }
    ui.say('Starting docker container...');
    const volumeArgs = spec.binds.flatMap((b) => ['-v', b]);
    ui.message(
      `Run command: docker run ${[...volumeArgs, ...state.config.runCommand].join(' ').replace(/\{\{\s*\.Image\s*\}\}/g, state.startImage ?? state.config.image)}`,
    );
    state.reaper.ensureStarted();
    state.containerId = await state.driver.createContainer(spec);
    await state.driver.startContainer(state.containerId);
    ui.message(`Container ID: ${state.containerId}`);
    state.containerIp = await state.driver.containerIp(state.containerId);
    state.generatedData.ContainerId = state.containerId;
    state.generatedData.ContainerIp = state.containerIp;
  },
  async cleanup(state, { ui }) {
    if (!state.containerId) return;
    ui.say(`Killing the container: ${state.containerId}`);
    await state.driver.removeContainer(state.containerId);
    state.containerId = undefined;
  },
  async leave(state, { ui }) {
    if (!state.containerId) return;
    state.reaper.keep({ container: state.containerId });
    ui.say(
      `Leaving the container running: ${state.containerId} (docker rm -f ${state.containerId.slice(0, 12)})`,
    );
  },
};
