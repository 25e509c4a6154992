import type { DataSource } from '@kiln/plugin-sdk';
import { decodeBuiltin } from '../shared/config.js';

const METHODS = ['HEAD', 'GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'];

interface HttpConfig {
  url: string;
  method: string;
  request_headers?: Record<string, string>;
  request_body?: string;
}

/**
 * The `http` data source, as Packer's: one request (GET unless `method`
 * says otherwise) with the given headers and body; a response outside
 * 2xx fails; the output is the URL, the body and the response headers
 * (repeated headers joined with ", ", under Packer's `request_headers`).
 */
export const httpDataSource: DataSource = {
  description: 'Fetches a URL and returns the response body and headers.',
  schema: {
    attributes: {
      url: {
        type: 'string',
        description: 'The URL to request; it must answer with a 2xx status.',
      },
      method: { type: 'string', description: `One of ${METHODS.join(', ')}. Default GET.` },
      request_headers: { type: 'map(string)', description: 'Headers to send.' },
      request_body: { type: 'string', description: 'The request payload. Default empty.' },
    },
  },
  outputSchema: {
    attributes: {
      url: { type: 'string', description: 'The URL the data was requested from.' },
      body: { type: 'string', description: 'The raw body of the response.' },
      request_headers: {
        type: 'map(string)',
        description: 'The response headers (named as in Packer); repeated ones joined with ", ".',
      },
    },
  },
  async configure(raw) {
    const { cfg, diags } = decodeBuiltin<HttpConfig>(httpDataSource.schema, raw);
    if (!cfg.url) diags.error('the `url` must be specified', ['url']);
    const method = cfg.method || 'GET';
    if (!METHODS.includes(method))
      diags.error(`the \`method\` must be one of [${METHODS.join(' ')}]`, ['method']);
    diags.throwIfErrors();
    return {
      async execute(signal) {
        const res = await fetch(cfg.url, {
          method,
          headers: cfg.request_headers ?? {},
          ...(cfg.request_body ? { body: cfg.request_body } : {}),
          redirect: 'follow',
          signal,
        });
        const body = await res.text();
        if (res.status < 200 || res.status >= 300)
          throw new Error(`HTTP request error. Response code: ${res.status}`);
        const headers: Record<string, string> = {};
        for (const [k, v] of res.headers) headers[canonicalHeader(k)] = v;
        return { url: cfg.url, body, request_headers: headers };
      },
    };
  },
};

/** Go's canonical header key ("content-type" -> "Content-Type"), as Packer's output names them. */
function canonicalHeader(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());
}
