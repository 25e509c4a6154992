/** Google's error envelope: {"error": {"code", "message", "errors": [{"reason", "message"}]}}. */
interface Envelope {
  error?: {
    code?: number;
    message?: string;
    status?: string;
    errors?: { reason?: string; message?: string }[];
  };
}

function envelopeOf(e: Record<string, unknown>): Envelope['error'] | undefined {
  const data = (e.response as { data?: unknown } | undefined)?.data;
  for (const candidate of [data, e.message]) {
    let v = candidate;
    if (typeof v === 'string') {
      try {
        v = JSON.parse(v);
      } catch {
        continue;
      }
    }
    const env = (v as Envelope | undefined)?.error;
    if (env && typeof env === 'object') return env;
  }
  return undefined;
}

/** The HTTP status of an API error (404, 409, ...), or undefined. */
export function statusOf(error: unknown): number | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const e = error as Record<string, unknown>;
  const env = envelopeOf(e);
  if (typeof env?.code === 'number') return env.code;
  const status = (e.response as { status?: number } | undefined)?.status ?? e.status;
  if (typeof status === 'number') return status;
  return typeof e.code === 'number' && e.code >= 100 ? e.code : undefined;
}

/** Whether an API error says the resource does not exist. */
export const isNotFound = (error: unknown) => statusOf(error) === 404;

/** What the user sees for a Compute Engine error: the API's reason and message, never a stack. */
export function gceMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const e = error as Error & Record<string, unknown>;
  const env = envelopeOf(e);
  if (env) {
    const reason = env.errors?.[0]?.reason;
    return `${env.message ?? 'error'}${reason ? ` (${reason}, HTTP ${env.code ?? '?'})` : env.code ? ` (HTTP ${env.code})` : ''}`;
  }
  if (e.code === 'ECONNREFUSED' || /ECONNREFUSED/.test(e.message))
    return `cannot connect to the Compute Engine endpoint: ${e.message}`;
  return e.message.split('\n')[0] ?? e.message;
}

/** Rethrows an API error as a plain Error with context (an abort stays an abort). */
export function gceError(context: string, error: unknown): Error {
  if (error instanceof Error && error.name === 'AbortError') return error;
  return new Error(`${context}: ${gceMessage(error)}`);
}
