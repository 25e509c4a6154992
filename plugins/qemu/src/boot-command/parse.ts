import { parseDuration } from '@kiln/plugin-sdk';
import { SPECIAL_KEYS } from './keysyms.js';

/** One thing to do while typing a boot command. */
export type BootAction =
  | { kind: 'char'; char: string }
  | { kind: 'key'; key: string; action: 'press' | 'down' | 'up' }
  | { kind: 'wait'; ms: number };

/**
 * Parses Packer's boot command syntax: literal characters, special keys
 * (`<enter>`, `<f2>`, `<leftCtrlOn>` / `<leftCtrlOff>` to hold and release),
 * and waits (`<wait>` 1s, `<wait5>` 5s, `<wait1m30s>`, `<wait250ms>`).
 * Anything in angle brackets that is none of these is typed as it is, as Packer does.
 */
export function parseBootCommand(text: string): BootAction[] {
  const out: BootAction[] = [];
  const specials = new Map(Object.keys(SPECIAL_KEYS).map((k) => [k.toLowerCase(), k]));
  for (let i = 0; i < text.length; ) {
    if (text[i] === '<') {
      const end = text.indexOf('>', i + 1);
      if (end > i + 1) {
        const word = text.slice(i + 1, end);
        const action = special(word, specials);
        if (action) {
          out.push(action);
          i = end + 1;
          continue;
        }
      }
    }
    out.push({ kind: 'char', char: text[i]! });
    i++;
  }
  return out;
}

function special(word: string, specials: Map<string, string>): BootAction | undefined {
  const lower = word.toLowerCase();
  if (lower === 'wait') return { kind: 'wait', ms: 1000 };
  if (lower.startsWith('wait')) {
    const rest = word.slice(4);
    if (/^\d+$/.test(rest)) return { kind: 'wait', ms: Number(rest) * 1000 };
    const ms = parseDuration(rest);
    if (ms !== undefined) return { kind: 'wait', ms };
    throw new Error(`<${word}>: "${rest}" is not a duration`);
  }
  const direct = specials.get(lower);
  if (direct) return { kind: 'key', key: direct, action: 'press' };
  for (const [suffix, action] of [
    ['on', 'down'],
    ['off', 'up'],
  ] as const) {
    if (lower.endsWith(suffix)) {
      const key = specials.get(lower.slice(0, -suffix.length));
      if (key) return { kind: 'key', key, action };
    }
  }
  return undefined;
}
