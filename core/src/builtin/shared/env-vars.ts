import type { Diagnostics } from '@kiln/plugin-sdk';

/** What the scripts of shell, shell-local and friends see in their environment. */
export interface EnvVarInput {
  buildName: string;
  builderType: string;
  /** `environment_vars`: "KEY=value" strings. */
  environmentVars: readonly string[];
  /** `env`: a map; wins over environment_vars on the same key. */
  env: Readonly<Record<string, string>>;
  /** What the builder generated; PackerHTTPAddr/IP/Port become PACKER_HTTP_*. */
  generated?: Readonly<Record<string, unknown>>;
}

const httpVars: [string, string][] = [
  ['PackerHTTPAddr', 'PACKER_HTTP_ADDR'],
  ['PackerHTTPIP', 'PACKER_HTTP_IP'],
  ['PackerHTTPPort', 'PACKER_HTTP_PORT'],
];

/** The variables as a map, Packer's always-present ones included. */
export function collectEnvVars(input: EnvVarInput): Record<string, string> {
  const vars: Record<string, string> = {
    PACKER_BUILD_NAME: input.buildName,
    PACKER_BUILDER_TYPE: input.builderType,
  };
  for (const [key, name] of httpVars) {
    const v = input.generated?.[key];
    if (typeof v === 'string' && v !== '' && !v.includes('NOT_IMPLEMENTED')) vars[name] = v;
    else if (typeof v === 'number') vars[name] = String(v);
  }
  for (const kv of input.environmentVars) {
    const eq = kv.indexOf('=');
    if (eq > 0) vars[kv.slice(0, eq)] = kv.slice(eq + 1);
  }
  for (const [k, v] of Object.entries(input.env)) vars[k] = v;
  return vars;
}

/**
 * Flattens the variables with `format` (Go printf with two %s: key, value),
 * sorted by key, values single-quote escaped, as Packer's `{{.Vars}}`.
 */
export function flattenEnvVars(input: EnvVarInput, format: string): string {
  const vars = collectEnvVars(input);
  return Object.keys(vars)
    .sort()
    .map((k) => formatPair(format, k, vars[k]!.replaceAll("'", `'"'"'`)))
    .join('');
}

/** Go-style `fmt.Sprintf(format, key, value)` for the two-%s env formats. */
export function formatPair(format: string, key: string, value: string): string {
  const args = [key, value];
  return format.replace(/%%|%s|%q|%v/g, (m) => {
    if (m === '%%') return '%';
    const a = args.shift() ?? '';
    return m === '%q' ? JSON.stringify(a) : a;
  });
}

/** Reports `environment_vars` entries that are not "key=value" (Packer's message). */
export function checkEnvVars(list: readonly string[], diags: Diagnostics): void {
  list.forEach((kv, i) => {
    const eq = kv.indexOf('=');
    if (eq <= 0)
      diags.error(`Environment variable not in format 'key=value': ${kv}`, ['environment_vars', i]);
  });
}
