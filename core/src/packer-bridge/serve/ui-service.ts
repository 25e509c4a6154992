import { randomBytes } from 'node:crypto';
import type { Ui } from '@kiln/plugin-sdk';
import type { RpcService } from '../rpc/msgpack-rpc.js';

/**
 * Core's Ui as a Packer plugin calls it (`Ui.Say`, `Ui.Message`, `Ui.Error`,
 * `Ui.Ask`, `Ui.Machine`, and progress bars through `Ui.NewTrackProgress`,
 * which registers a `Ui<ID>` service whose `Add` and `Close` move the bar).
 * `services` is the server's service table, so new bars can be added to it.
 */
export function uiServices(ui: Ui, services: Record<string, RpcService>): Record<string, RpcService> {
  services.Ui = {
    Say: (m) => ui.say(String(m ?? '')),
    Message: (m) => ui.message(String(m ?? '')),
    Error: (m) => ui.error(String(m ?? '')),
    Ask: (q) => ui.ask(String(q ?? '')),
    Machine: () => null,
    NewTrackProgress: (args) => {
      const a = (args ?? {}) as { Src?: string; TotalSize?: number; CurrentSize?: number };
      const id = `${a.Src ?? ''}${randomBytes(3).toString('hex')}`;
      const label = a.Src ?? '';
      const total = Number(a.TotalSize ?? 0);
      let current = Number(a.CurrentSize ?? 0);
      ui.progress({ id, label, current, total });
      services[`Ui${id}`] = {
        Add: (n) => {
          current += Number(n ?? 0);
          ui.progress({ id, label, current, total });
          return null;
        },
        Close: () => {
          ui.progress({ id, label, current, total, done: true });
          delete services[`Ui${id}`];
          return null;
        },
      };
      return id;
    },
  };
  return services;
}
