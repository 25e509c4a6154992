import { stepConnect } from '@kiln/plugin-sdk';
import type { GceState } from '../state.js';

/** Waits for SSH on the instance's address (or ssh_host/ssh_port); communicator = "none" skips it. */
export const stepConnectInstance = () =>
  stepConnect<GceState>({
    type: (s) => s.config.communicator.type,
    ssh: {
      config: (s) => s.config.communicator,
      host: (s) => s.sshHost ?? '',
      port: (s) => s.config.communicator.port || 22,
      privateKey: (s) => s.privateKey,
      alive: (s) => (s.instance ? undefined : 'the instance is gone'),
      set: (s, c) => {
        s.communicator = c;
      },
    },
  });
