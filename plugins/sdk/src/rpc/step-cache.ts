import { randomUUID } from 'node:crypto';
import type { v1 } from '@kiln/proto';
import type {
  BuilderStepCache,
  CacheableMachine,
  StepCacheEntry,
  StepCacheEntryInfo,
  StepCacheStore,
} from '../step-cache.js';
import { type ClientContext, makeClient, unary } from './client-call.js';
import { services } from './contract.js';
import { type ServerContext, unaryHandler } from './server-call.js';
import type { Registration } from './sessions.js';

/** Machines of running cached builds, by the machine_id handed to core in Hook.Run. */
export class MachineRegistry {
  readonly #items = new Map<string, CacheableMachine>();

  register(machine: CacheableMachine): Registration {
    const id = randomUUID();
    this.#items.set(id, machine);
    return { id, dispose: () => this.#items.delete(id) };
  }

  get(id: string): CacheableMachine | undefined {
    return this.#items.get(id);
  }
}

function infoToProto(i: StepCacheEntryInfo): v1.StepCacheEntryInfo {
  return {
    template: i.template,
    buildName: i.buildName,
    step: i.step,
    provisionerType: i.provisionerType,
    runId: i.runId,
    parentKey: i.parentKey,
  };
}

function infoFromProto(i: v1.StepCacheEntryInfo__Output | null): StepCacheEntryInfo {
  return {
    template: i?.template ?? '',
    buildName: i?.buildName ?? '',
    step: i?.step ?? 0,
    provisionerType: i?.provisionerType ?? '',
    runId: i?.runId ?? '',
    parentKey: i?.parentKey ?? '',
  };
}

function entryToProto(e: StepCacheEntry): v1.StepCacheEntry {
  return {
    key: e.key,
    id: e.id,
    sizeBytes: String(Math.max(0, Math.round(e.sizeBytes))),
    createdAt: e.createdAt,
    builderType: e.builderType,
    info: infoToProto(e.info),
  };
}

function entryFromProto(e: v1.StepCacheEntry__Output): StepCacheEntry {
  return {
    key: e.key,
    id: e.id,
    sizeBytes: Number(e.sizeBytes) || 0,
    createdAt: e.createdAt,
    builderType: e.builderType,
    info: infoFromProto(e.info),
  };
}

/** What the StepCache service needs from the rest of the plugin process. */
export interface StepCacheServing {
  store: StepCacheStore;
  /** The step cache of a prepared builder instance; undefined when it has none. */
  builder(instanceId: string): BuilderStepCache | undefined;
  machines: MachineRegistry;
}

/** Serves the optional StepCache service. */
export function stepCacheServer<C>(sctx: ServerContext<C>, serving: StepCacheServing): v1.StepCacheHandlers {
  return {
    Base: unaryHandler(sctx, async (req: v1.StepCacheBaseRequest__Output, _caller, signal) => ({
      base: (await serving.builder(req.instanceId)?.base(signal)) ?? '',
    })),
    Check: unaryHandler(sctx, async (req: v1.StepCacheCheckRequest__Output, _caller, signal) => ({
      present: await serving.store.check(req.builderType, req.keys, signal),
    })),
    Save: unaryHandler(sctx, async (req: v1.StepCacheSaveRequest__Output, _caller, signal) => {
      const machine = serving.machines.get(req.machineId);
      if (!machine) throw new Error(`unknown machine ${JSON.stringify(req.machineId)}: its build has ended`);
      return { entry: entryToProto(await machine.save(req.key, infoFromProto(req.info), signal)) };
    }),
    List: unaryHandler(sctx, async (_req: v1.StepCacheListRequest__Output, _caller, signal) => {
      const found = await serving.store.list(signal);
      return { entries: found.entries.map(entryToProto), notes: found.notes };
    }),
    Remove: unaryHandler(sctx, async (req: v1.StepCacheRemoveRequest__Output, _caller, signal) =>
      serving.store.remove(req.entries.map(entryFromProto), signal),
    ),
  };
}

/** A plugin's StepCache service, seen from core. */
export interface StepCacheClient extends StepCacheStore {
  /** The step cache of the prepared builder `instanceId` of type `builderType`. */
  builder(instanceId: string, builderType: string): BuilderStepCache;
  /** The machine `machineId` of a running build, which started from `restoredKey`. */
  machine(machineId: string, restoredKey: string | undefined): CacheableMachine;
}

/** Core's client of a plugin's StepCache service. */
export function stepCacheClient(ctx: ClientContext): StepCacheClient {
  const client = makeClient(services().kiln.plugin.v1.StepCache, ctx);
  const check = async (builderType: string, keys: string[], signal: AbortSignal) => {
    const res = await unary<v1.StepCacheCheckResponse__Output>(ctx, signal, (md, o, cb) =>
      client.Check({ builderType, keys }, md, o, cb),
    );
    return res.present;
  };
  const store: StepCacheClient = {
    check,
    async list(signal) {
      const res = await unary<v1.StepCacheListResponse__Output>(ctx, signal, (md, o, cb) =>
        client.List({}, md, o, cb),
      );
      return { entries: res.entries.map(entryFromProto), notes: res.notes };
    },
    async remove(entries, signal) {
      const res = await unary<v1.StepCacheRemoveResponse__Output>(ctx, signal, (md, o, cb) =>
        client.Remove({ entries: entries.map(entryToProto) }, md, o, cb),
      );
      return { removed: res.removed, failed: res.failed };
    },
    builder(instanceId, builderType) {
      return {
        async base(signal) {
          const res = await unary<v1.StepCacheBaseResponse__Output>(ctx, signal, (md, o, cb) =>
            client.Base({ instanceId }, md, o, cb),
          );
          return res.base || undefined;
        },
        check: (keys, signal) => check(builderType, keys, signal),
        store,
      };
    },
    machine(machineId, restoredKey) {
      return {
        ...(restoredKey ? { restoredKey } : {}),
        async save(key, info, signal) {
          if (!machineId) throw new Error('this build offered no machine to save');
          const res = await unary<v1.StepCacheSaveResponse__Output>(ctx, signal, (md, o, cb) =>
            client.Save({ machineId, key, info: infoToProto(info) }, md, o, cb),
          );
          if (!res.entry) throw new Error('the plugin saved no entry');
          return entryFromProto(res.entry);
        },
      };
    },
  };
  return store;
}
