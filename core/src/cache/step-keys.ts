import { createHash } from 'node:crypto';
import { digestPath, localFilesOf } from './local-files.js';

/** Bumped when what goes into a key changes: every older entry becomes a miss. */
export const KEY_FORMAT = 'kiln-step-cache/1';

/** One provisioner of a build, as far as its cache key is concerned. */
export interface StepInput {
  type: string;
  /** Its evaluated configuration (the build's override applied; values the builder generates left as placeholders). */
  body: Record<string, unknown>;
  /** True for a provisioner in a plugin: it is given the user variables, which then count. */
  receivesUserVariables: boolean;
}

/** What a build's key chain is computed from. */
export interface ChainInput {
  builderType: string;
  /** The builder's base identity (base image digest, ISO checksum, and the configuration that shapes the machine). */
  base: string;
  steps: StepInput[];
  userVariables: Record<string, string>;
  /** Where relative file paths are resolved (Kiln's working directory, as the provisioners do). */
  cwd: string;
}

/** Canonical JSON: object keys sorted, so that equal values always digest alike. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * The key of every provisioner step of a build: a chain in which each key
 * digests the previous one (the first, the builder's type and base), the
 * provisioner's type and evaluated configuration, the contents of the local
 * files it uploads or runs, and, for a plugin's provisioner, the user
 * variables it is given. A change anywhere changes that key and every later one.
 */
export async function stepKeys(input: ChainInput): Promise<string[]> {
  const keys: string[] = [];
  let parent = digest({ format: KEY_FORMAT, builder: input.builderType, base: input.base });
  for (const step of input.steps) {
    const files: [string, string][] = [];
    for (const path of localFilesOf(step.body)) files.push([path, await digestPath(path, input.cwd)]);
    parent = digest({
      format: KEY_FORMAT,
      parent,
      type: step.type,
      config: step.body,
      files,
      ...(step.receivesUserVariables ? { variables: input.userVariables } : {}),
    });
    keys.push(parent);
  }
  return keys;
}

function digest(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}
