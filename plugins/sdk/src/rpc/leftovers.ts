import type { v1 } from '@kiln/proto';
import type { Leftover, LeftoverFinder, LeftoverScope } from '../leftovers.js';
import { type ClientContext, makeClient, unary } from './client-call.js';
import { services } from './contract.js';
import { parseJsonObject } from './convert.js';
import { type ServerContext, unaryHandler } from './server-call.js';

function scopeToProto(scope: LeftoverScope): v1.LeftoverScope {
  return {
    runId: scope.run ?? '',
    options: Object.entries(scope.options).flatMap(([key, values]) =>
      values.map((value) => ({ key, value })),
    ),
  };
}

function scopeFromProto(scope: v1.LeftoverScope__Output | null): LeftoverScope {
  const options: Record<string, string[]> = {};
  for (const o of scope?.options ?? []) options[o.key] = [...(options[o.key] ?? []), o.value];
  return { ...(scope?.runId ? { run: scope.runId } : {}), options };
}

function leftoverToProto(l: Leftover): v1.Leftover {
  return {
    kind: l.kind,
    id: l.id,
    runId: l.run,
    location: l.location,
    detailJson: l.detail ? JSON.stringify(l.detail) : '',
  };
}

function leftoverFromProto(l: v1.Leftover__Output): Leftover {
  return {
    kind: l.kind,
    id: l.id,
    run: l.runId,
    location: l.location,
    ...(l.detailJson ? { detail: parseJsonObject(l.detailJson) } : {}),
  };
}

/** Serves the optional Leftovers service. */
export function leftoversServer<C>(sctx: ServerContext<C>, finder: LeftoverFinder): v1.LeftoversHandlers {
  return {
    List: unaryHandler(sctx, async (req: v1.ListLeftoversRequest__Output, _caller, signal) => {
      const found = await finder.list(scopeFromProto(req.scope), signal);
      return { leftovers: found.leftovers.map(leftoverToProto), notes: found.notes };
    }),
    Remove: unaryHandler(sctx, async (req: v1.RemoveLeftoversRequest__Output, _caller, signal) =>
      finder.remove(req.leftovers.map(leftoverFromProto), scopeFromProto(req.scope), signal),
    ),
  };
}

/** A plugin's Leftovers service, seen from core. */
export function leftoversClient(ctx: ClientContext): LeftoverFinder {
  const client = makeClient(services().kiln.plugin.v1.Leftovers, ctx);
  return {
    async list(scope, signal) {
      const res = await unary<v1.ListLeftoversResponse__Output>(ctx, signal, (md, o, cb) =>
        client.List({ scope: scopeToProto(scope) }, md, o, cb),
      );
      return { leftovers: res.leftovers.map(leftoverFromProto), notes: res.notes };
    },
    async remove(leftovers, scope, signal) {
      const res = await unary<v1.RemoveLeftoversResponse__Output>(ctx, signal, (md, o, cb) =>
        client.Remove({ scope: scopeToProto(scope), leftovers: leftovers.map(leftoverToProto) }, md, o, cb),
      );
      return { removed: res.removed, failed: res.failed };
    },
  };
}
