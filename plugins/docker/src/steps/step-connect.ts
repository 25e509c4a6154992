import { setTimeout as sleep } from 'node:timers/promises';
import type { Step } from '@kiln/plugin-sdk';
import { DockerCommunicator } from '../communicator/docker-communicator.js';
import type { DockerBuildState } from '../state.js';

/** Sets up the docker communicator to the running container (the "docker" type of the connect step). */
export const stepDockerConnect: Step<DockerBuildState> = {
  name: 'docker-connect',
  async run(state, { ui, signal }) {
    const id = state.containerId;
    if (!id) throw new Error('no container to connect to');
    if (state.config.pauseBeforeConnectingMs > 0) {
      ui.say(`Waiting ${state.config.pauseBeforeConnectingMs / 1000}s before connecting...`);
      await sleep(state.config.pauseBeforeConnectingMs, undefined, { signal });
    }
    ui.say(`Using docker communicator to connect: ${state.containerIp}`);
    state.communicator = new DockerCommunicator(state.driver, id, {
      ...(state.config.execUser ? { execUser: state.config.execUser } : {}),
      fixUploadOwner: state.config.fixUploadOwner,
      ...(state.tempDir
        ? { shared: { hostDir: state.tempDir, containerDir: state.config.containerDir } }
        : {}),
    });
  },
  async cleanup(state) {
    state.communicator = undefined;
  },
};
