import { stepConnect } from '@kiln/plugin-sdk';
import type { EbsState } from '../state.js';

/** Waits for SSH on the instance (or ssh_host); communicator = "none" skips it. */
export const stepConnectInstance = () =>
  stepConnect<EbsState>({
    type: (s) => s.config.communicator.type,
    ssh: {
      config: (s) => s.config.communicator,
      host: (s) => s.sshHost ?? '',
      port: () => 22,
      privateKey: (s) => s.privateKey,
      alive: (s) => (s.instance ? undefined : 'the instance is gone'),
      set: (s, c) => {
        s.communicator = c;
      },
    },
  });
