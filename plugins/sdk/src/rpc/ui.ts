import * as grpc from '@grpc/grpc-js';
import type { v1 } from '@kiln/proto';
import type { Ui } from '../ui.js';
import { type ClientContext, makeClient, unary } from './client-call.js';
import { services } from './contract.js';
import { type ServerContext, unaryHandler } from './server-call.js';

/** A Ui whose messages travel to another process; `flush` waits until all were delivered. */
export interface RemoteUi extends Ui {
  flush(): Promise<void>;
}

/**
 * A Ui that sends each message to a Ui service for one session, in order.
 * Delivery failures are dropped (the build's outcome does not depend on its
 * output); `ask` rejects with the other side's answer.
 */
export function uiClient(ctx: ClientContext, sessionId: string): RemoteUi {
  const client = makeClient(services().kiln.plugin.v1.Ui, ctx);
  let queue: Promise<unknown> = Promise.resolve();
  const send = (method: 'Say' | 'Message' | 'Error', text: string) => {
    queue = queue.then(() =>
      unary(ctx, undefined, (md, o, cb) => client[method]({ sessionId, text }, md, o, cb)).catch(() => {}),
    );
  };
  return {
    say: (text) => send('Say', text),
    message: (text) => send('Message', text),
    error: (text) => send('Error', text),
    progress(update) {
      queue = queue.then(() =>
        unary(ctx, undefined, (md, o, cb) =>
          client.Progress(
            {
              sessionId,
              id: update.id,
              label: update.label,
              current: update.current,
              total: update.total,
              done: update.done ?? false,
            },
            md,
            o,
            cb,
          ),
        ).catch(() => {}),
      );
    },
    async ask(question) {
      await queue;
      const res = await unary<v1.AskResponse__Output>(ctx, undefined, (md, o, cb) =>
        client.Ask({ sessionId, text: question }, md, o, cb),
      );
      return res.answer;
    },
    flush: () => queue.then(() => {}),
  };
}

/** Finds the Ui of a session for a caller; undefined: unknown session. */
export type UiLookup<C> = (caller: C, sessionId: string) => Ui | undefined;

function sessionNotFound(sessionId: string): Error {
  return Object.assign(new Error(`unknown session ${JSON.stringify(sessionId)}`), {
    code: grpc.status.NOT_FOUND,
  });
}

/** Serves the Ui service, routing each message to its session's Ui. */
export function uiServer<C>(sctx: ServerContext<C>, lookup: UiLookup<C>): v1.UiHandlers {
  const withUi = (caller: C, sessionId: string): Ui => {
    const ui = lookup(caller, sessionId);
    if (!ui) throw sessionNotFound(sessionId);
    return ui;
  };
  const line = (pick: (ui: Ui) => (text: string) => void) =>
    unaryHandler<C, v1.UiMessage__Output, v1.Empty>(sctx, async (req, caller) => {
      pick(withUi(caller, req.sessionId)).call(undefined, req.text);
      return {};
    });
  return {
    Say: line((ui) => ui.say.bind(ui)),
    Message: line((ui) => ui.message.bind(ui)),
    Error: line((ui) => ui.error.bind(ui)),
    Progress: unaryHandler(sctx, async (req: v1.ProgressUpdate__Output, caller) => {
      withUi(caller, req.sessionId).progress({
        id: req.id,
        label: req.label,
        current: Number(req.current),
        total: Number(req.total),
        done: req.done,
      });
      return {};
    }),
    Ask: unaryHandler(sctx, async (req: v1.UiMessage__Output, caller) => ({
      answer: await withUi(caller, req.sessionId).ask(req.text),
    })),
  };
}
