import { type ConfigSchema, Diagnostics, decodeConfigOrThrow } from '@kiln/plugin-sdk';

/**
 * Decodes a body against a built-in's schema (defaults filled in, types
 * converted) and returns it with a fresh diagnostics collector for the
 * component's own checks. Throws ConfigError on schema errors.
 */
export function decodeBuiltin<T>(
  schema: ConfigSchema,
  raw: Record<string, unknown>,
): { cfg: T; diags: Diagnostics } {
  const cfg = decodeConfigOrThrow(schema, raw) as T;
  return { cfg, diags: new Diagnostics() };
}

/** A non-empty string, else undefined. */
export function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v === '' ? undefined : v;
}
