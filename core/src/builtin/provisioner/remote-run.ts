import type { Communicator, ProvisionContext, Ui } from '@kiln/plugin-sdk';
import { noCommunicator } from '../../build/no-communicator.js';
import { LineOutput } from '../shared/line-output.js';

/** The build's communicator, or a clear error when the build has none (e.g. the null builder). */
export function requireCommunicator(ctx: ProvisionContext, provisioner: string): Communicator {
  const comm = (ctx as Partial<ProvisionContext>).communicator;
  if (!comm || comm === noCommunicator) {
    throw new Error(
      `The ${provisioner} provisioner needs a communicator, but this build has none ` +
        '(communicator = "none"). Use shell-local to run commands on this host, or a builder that ' +
        'starts a machine.',
    );
  }
  return comm;
}

/**
 * Runs a command through the communicator, relaying stdout lines to
 * ui.message and stderr lines to ui.error (Packer's RunWithUi). With
 * `disconnectOk`, a dropped connection resolves as status 2300218.
 */
export async function runRemote(
  comm: Communicator,
  command: string,
  ui: Ui,
  signal: AbortSignal,
  disconnectOk = false,
): Promise<number> {
  const out = new LineOutput((l) => ui.message(l));
  const err = new LineOutput((l) => ui.error(l));
  try {
    return await comm.exec({ command, stdout: (c) => out.push(c), stderr: (c) => err.push(c) }, signal);
  } catch (e) {
    if (disconnectOk && !signal.aborted) return 2300218;
    throw e;
  } finally {
    out.flush();
    err.flush();
  }
}
