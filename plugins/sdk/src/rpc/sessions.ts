import type { Communicator } from '../communicator.js';
import type { Hook } from '../component.js';
import type { Ui } from '../ui.js';
import type { RemoteUi } from './ui.js';

/** Something registered for a while, released by `dispose`. */
export interface Registration {
  id: string;
  dispose(): void;
}

/**
 * Core's side of remote component calls: a remote component's Ui and Hook
 * calls are routed to the session the client adapter opened, and a
 * communicator it hands a plugin is served by core's Communicator proxy.
 */
export interface SessionBinder {
  openSession(parts: { ui: Ui; hook?: Hook }): Registration;
  registerCommunicator(communicator: Communicator): Registration;
}

/** A plugin's link back to core, available after Plugin.Connect. */
export interface CoreLink {
  ui(sessionId: string): RemoteUi;
  hook(sessionId: string): Hook;
  /** A communicator that forwards to core's Communicator service. */
  communicator(id: string): Communicator;
}

/**
 * Runs one component call with its session's Ui, flushed when the call ends
 * (success, failure or cancel), so that everything the component said
 * reaches core before the call's answer.
 */
export async function withSessionUi<T>(
  core: CoreLink,
  sessionId: string,
  call: (ui: RemoteUi) => Promise<T>,
): Promise<T> {
  const ui = core.ui(sessionId);
  try {
    return await call(ui);
  } finally {
    await ui.flush();
  }
}
