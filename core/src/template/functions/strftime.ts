import { goTimeFormat } from '@kiln/plugin-sdk';
import { DAYS, fields, MONTHS, offsetText, pad, type ZonedTime } from './time-parts.js';

/** C strftime verbs (as legacy_strftime supports them). */
export function strftime(format: string, t: ZonedTime): string {
  const f = fields(t);
  const h12 = f.hour % 12 === 0 ? 12 : f.hour % 12;
  const verbs: Record<string, () => string> = {
    A: () => DAYS[f.weekday]!,
    a: () => DAYS[f.weekday]!.slice(0, 3),
    B: () => MONTHS[f.month - 1]!,
    b: () => MONTHS[f.month - 1]!.slice(0, 3),
    h: () => MONTHS[f.month - 1]!.slice(0, 3),
    C: () => pad(Math.floor(f.year / 100)),
    c: () => goTimeFormat('Mon Jan _2 15:04:05 2006', t),
    D: () => `${pad(f.month)}/${pad(f.day)}/${pad(f.year % 100)}`,
    d: () => pad(f.day),
    e: () => String(f.day).padStart(2, ' '),
    F: () => `${pad(f.year, 4)}-${pad(f.month)}-${pad(f.day)}`,
    H: () => pad(f.hour),
    I: () => pad(h12),
    j: () => pad(f.yearDay, 3),
    k: () => String(f.hour).padStart(2, ' '),
    l: () => String(h12).padStart(2, ' '),
    M: () => pad(f.minute),
    m: () => pad(f.month),
    n: () => '\n',
    p: () => (f.hour < 12 ? 'AM' : 'PM'),
    R: () => `${pad(f.hour)}:${pad(f.minute)}`,
    r: () => `${pad(h12)}:${pad(f.minute)}:${pad(f.second)} ${f.hour < 12 ? 'AM' : 'PM'}`,
    S: () => pad(f.second),
    T: () => `${pad(f.hour)}:${pad(f.minute)}:${pad(f.second)}`,
    t: () => '\t',
    u: () => String(f.weekday === 0 ? 7 : f.weekday),
    w: () => String(f.weekday),
    v: () => `${String(f.day).padStart(2, ' ')}-${MONTHS[f.month - 1]!.slice(0, 3)}-${f.year}`,
    X: () => `${pad(f.hour)}:${pad(f.minute)}:${pad(f.second)}`,
    x: () => `${pad(f.month)}/${pad(f.day)}/${pad(f.year % 100)}`,
    Y: () => String(f.year),
    y: () => pad(f.year % 100),
    Z: () => (t.offsetMin === 0 ? 'UTC' : offsetText(t.offsetMin, false, false)),
    z: () => offsetText(t.offsetMin, false, false),
    '%': () => '%',
  };
  return format.replace(/%(.)/g, (m, v: string) => verbs[v]?.() ?? m);
}
