import { randomUUID } from 'node:crypto';
import type { Communicator } from '../communicator.js';
import type { Registration } from './sessions.js';

/** Communicators this process serves through its Communicator service, by id. */
export class CommunicatorRegistry {
  readonly #items = new Map<string, Communicator>();

  register(communicator: Communicator): Registration {
    const id = randomUUID();
    this.#items.set(id, communicator);
    return { id, dispose: () => this.#items.delete(id) };
  }

  get(id: string): Communicator | undefined {
    return this.#items.get(id);
  }
}
