import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Progress, Ui } from '@kiln/plugin-sdk';
import { prepareQemuConfig } from '../config.js';
import type { QemuBuildState } from '../state.js';
import { stepDownload } from './step-download.js';

const body = Buffer.alloc(200_000, 'i');
const sha = createHash('sha256').update(body).digest('hex');

describe('ISO download (http, cache, checksum)', () => {
  let server: Server;
  let base: string;
  let cache: string;
  let isoHits = 0;
  before(async () => {
    cache = await mkdtemp(join(tmpdir(), 'kiln-cache-'));
    process.env.KILN_CACHE_DIR = cache;
    server = createServer((req, res) => {
      if (req.url === '/SHA256SUMS') res.end(`${sha}  boot.iso\n`);
      else if (req.url === '/boot.iso') {
        isoHits++;
        res.end(body);
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  after(async () => {
    server.close();
    delete process.env.KILN_CACHE_DIR;
    await rm(cache, { recursive: true, force: true });
  });

  function state(raw: Record<string, unknown>): QemuBuildState {
    const { config } = prepareQemuConfig({ communicator: 'none', ...raw }, 'qemu');
    return { config, generatedData: {} } as unknown as QemuBuildState;
  }
  const progress: Progress[] = [];
  const ui: Ui = {
    say() {},
    message() {},
    error() {},
    progress: (p) => progress.push(p),
    ask: async () => '',
  };
  const ctx = { ui, signal: new AbortController().signal };

  it('downloads into the cache with progress, verifies a checksum file, reuses the cache', async () => {
    const s = state({
      iso_urls: [`${base}/missing.iso`, `${base}/boot.iso`],
      iso_checksum: `file:${base}/SHA256SUMS`,
    });
    await stepDownload.run(s, ctx);
    assert.ok(s.isoPath?.startsWith(cache));
    assert.ok(progress.some((p) => p.done && p.current === body.length));
    await stepDownload.run(s, ctx);
    assert.equal(isoHits, 1, 'the second build uses the cache');
  });

  it('a wrong checksum removes the download and says both digests', async () => {
    const s = state({ iso_url: `${base}/boot.iso`, iso_checksum: `sha256:${'1'.repeat(64)}` });
    await assert.rejects(stepDownload.run(s, ctx), new RegExp(`expected sha256:1{64}, got ${sha}`));
    assert.equal(
      readdirSync(cache).filter((f) => !existsSync(join(cache, f)) || f.endsWith('.part')).length,
      0,
    );
    assert.equal(readdirSync(cache).length, 1, 'only the earlier, good download is cached');
  });
});
