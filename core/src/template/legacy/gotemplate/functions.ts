import { randomUUID } from 'node:crypto';
import { formatGoTime } from '@kiln/plugin-sdk';
import type { GoTemplateFunc } from './evaluate.js';

/** What the legacy template functions read. */
export interface LegacyFunctionInput {
  /** User variables in force; `user` of a missing name calls `onUndefinedUser`. */
  userVars: ReadonlyMap<string, string>;
  /** When set, `env` works (Packer allows it only in the variables section). */
  env?: Readonly<Record<string, string | undefined>>;
  buildName?: string;
  buildType?: string;
  templateDir: string;
  pwd: string;
  /** The load's start time: `timestamp` and `isotime` use it so all strings agree. */
  initTime: Date;
  version: string;
  onUndefinedUser?: (name: string) => void;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : String(v));

/** The functions Packer offers inside legacy JSON template strings. */
export function legacyFunctions(input: LegacyFunctionInput): Record<string, GoTemplateFunc> {
  const fixedUuid = randomUUID();
  return {
    user(name) {
      const n = str(name);
      const v = input.userVars.get(n);
      if (v === undefined) input.onUndefinedUser?.(n);
      return v ?? '';
    },
    env(name) {
      if (!input.env) throw new Error('env vars are not allowed here; use them in the "variables" section');
      return input.env[str(name)] ?? '';
    },
    timestamp: () => String(Math.floor(input.initTime.getTime() / 1000)),
    isotime: (layout?: unknown) =>
      layout === undefined
        ? input.initTime.toISOString().replace(/\.\d{3}Z$/, 'Z')
        : formatGoTime(input.initTime, str(layout)),
    uuid: () => fixedUuid,
    build_name() {
      if (input.buildName === undefined) throw new Error('build_name is only available inside a build');
      return input.buildName;
    },
    build_type() {
      if (input.buildType === undefined) throw new Error('build_type is only available inside a build');
      return input.buildType;
    },
    template_dir: () => input.templateDir,
    pwd: () => input.pwd,
    packer_version: () => input.version,
    upper: (s) => str(s).toUpperCase(),
    lower: (s) => str(s).toLowerCase(),
    split(s, sep, i) {
      const parts = str(s).split(str(sep));
      const n = Number(i);
      if (!Number.isInteger(n) || n < 0 || n >= parts.length) throw new Error(`index ${n} out of range`);
      return parts[n];
    },
    replace: (oldS, newS, n, s) => replaceN(str(s), str(oldS), str(newS), Number(n)),
    replace_all: (oldS, newS, s) => str(s).split(str(oldS)).join(str(newS)),
    clean_resource_name: (s) =>
      str(s)
        .toLowerCase()
        .replace(/[^a-z0-9-]/g, '-')
        .slice(0, 63),
    sed() {
      throw new Error('the sed function is deprecated and no longer supported; use replace or replace_all');
    },
  };
}

function replaceN(s: string, oldS: string, newS: string, n: number): string {
  if (n < 0) return s.split(oldS).join(newS);
  let out = s;
  let from = 0;
  for (let k = 0; k < n; k++) {
    const i = out.indexOf(oldS, from);
    if (i < 0) break;
    out = out.slice(0, i) + newS + out.slice(i + oldS.length);
    from = i + newS.length;
  }
  return out;
}
