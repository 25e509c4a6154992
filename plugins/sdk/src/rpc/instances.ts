import { randomUUID } from 'node:crypto';

/** Prepared component instances, by the instance_id handed to core. */
export class InstanceStore<T> {
  readonly #items = new Map<string, T>();

  add(item: T): string {
    const id = randomUUID();
    this.#items.set(id, item);
    return id;
  }

  /** The instance, or throws an error naming the unknown id. */
  get(id: string): T {
    const item = this.#items.get(id);
    if (item === undefined) throw new Error(`unknown instance ${JSON.stringify(id)}: call Prepare first`);
    return item;
  }
}
