import { type SshConnectStepOptions, sshConnectStep } from '../ssh/step-connect.js';
import type { Step } from './step.js';

/** How a builder plugs its state into {@link stepConnect}. */
export interface ConnectStepOptions<S> {
  /** The communicator type the template chose ("ssh", "none", "docker", ...). */
  type(state: S): string;
  /** How to reach the machine over SSH, for type "ssh". */
  ssh?: SshConnectStepOptions<S>;
  /** Steps that connect the builder's own communicator types (Packer's CustomConnect), by type. */
  custom?: Record<string, Step<S>>;
}

/**
 * The one connect step of every builder ("connect"): nothing for "none",
 * waits for SSH for "ssh", or runs the builder's own step for its own
 * communicator type; cleanup disconnects.
 */
export function stepConnect<S>(o: ConnectStepOptions<S>): Step<S> {
  let ssh: Step<S> | undefined;
  let connected: Step<S> | undefined;
  return {
    name: 'connect',
    async run(state, ctx) {
      const type = o.type(state);
      if (type === 'none') return;
      if (type === 'ssh' && o.ssh) connected = ssh ??= sshConnectStep(o.ssh);
      else connected = o.custom?.[type];
      if (!connected) throw new Error(`communicator "${type}" is not supported by this builder`);
      await connected.run(state, ctx);
    },
    async cleanup(state, ctx) {
      const step = connected;
      connected = undefined;
      await step?.cleanup?.(state, ctx);
    },
  };
}
