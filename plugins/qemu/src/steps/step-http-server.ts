import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join, normalize, resolve, sep } from 'node:path';
import type { Step } from '@kiln/plugin-sdk';
import { listenInRange } from '../ports.js';
import type { QemuBuildState } from '../state.js';

/** The HTTP server of http_directory / http_content, on a free port in http_port_min..max. */
export function httpServer(
  dir: string | undefined,
  content: Record<string, string>,
  log: (l: string) => void,
): Server {
  const root = dir ? resolve(dir) : undefined;
  const files = new Map(Object.entries(content).map(([k, v]) => [k.startsWith('/') ? k : `/${k}`, v]));
  return createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    log(`[DEBUG] http: ${req.method} ${path}`);
    const inline = files.get(path);
    if (inline !== undefined) {
      res.writeHead(200, { 'content-length': Buffer.byteLength(inline) });
      res.end(req.method === 'HEAD' ? undefined : inline);
      return;
    }
    if (root) {
      const file = normalize(join(root, path));
      if (file === root || file.startsWith(root + sep)) {
        const st = await stat(file).catch(() => undefined);
        if (st?.isFile()) {
          res.writeHead(200, { 'content-length': st.size });
          if (req.method === 'HEAD') res.end();
          else createReadStream(file).pipe(res);
          return;
        }
      }
    }
    res.writeHead(404);
    res.end('404 not found\n');
  });
}

/** Serves http_directory / http_content to the guest; {{ .HTTPIP }} is 10.0.2.2 under user networking. */
export function stepHttpServer(): Step<QemuBuildState> {
  let server: Server | undefined;
  return {
    name: 'http-server',
    async run(state, { ui }) {
      const { config } = state;
      state.httpIp = '10.0.2.2';
      state.httpPort = 0;
      state.generatedData.HTTPIP = state.httpIp;
      if (!config.httpDirectory && Object.keys(config.httpContent).length === 0) return;
      server = httpServer(config.httpDirectory, config.httpContent, state.log);
      state.httpPort = await listenInRange(
        server,
        config.httpBindAddress,
        config.httpPortMin,
        config.httpPortMax,
        'the HTTP server (http_port_min..http_port_max)',
      );
      state.generatedData.HTTPPort = state.httpPort;
      ui.say(`Starting HTTP server on port ${state.httpPort}`);
    },
    async cleanup() {
      if (!server) return;
      server.closeAllConnections();
      await new Promise<void>((r) => server!.close(() => r()));
      server = undefined;
    },
  };
}
