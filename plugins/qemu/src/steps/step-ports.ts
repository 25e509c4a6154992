import type { Step } from '@kiln/plugin-sdk';
import { freePortInRange } from '../ports.js';
import type { QemuBuildState } from '../state.js';

/** Picks the host port forwarded to the guest's SSH port and the VNC port. */
export const stepPorts: Step<QemuBuildState> = {
  name: 'ports',
  async run(state, { ui }) {
    const { config } = state;
    if (config.comm.type === 'ssh' && !config.comm.host) {
      state.sshHostPort = await freePortInRange(
        '127.0.0.1',
        config.hostPortMin,
        config.hostPortMax,
        'the SSH port forward (host_port_min..host_port_max)',
      );
      state.generatedData.SSHHostPort = state.sshHostPort;
      ui.say(`Found port for communicator (SSH, WinRM, etc): ${state.sshHostPort}.`);
    }
    state.vncPort = await freePortInRange(
      config.vncBindAddress,
      config.vncPortMin,
      config.vncPortMax,
      'VNC (vnc_port_min..vnc_port_max)',
    );
    ui.say(
      `Looking for available port between ${config.vncPortMin} and ${config.vncPortMax} on ${config.vncBindAddress}`,
    );
    ui.say(`Found available VNC port: ${state.vncPort} on IP: ${config.vncBindAddress}`);
  },
};
