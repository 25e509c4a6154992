import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import type { TransferEvent } from './driver.js';

let dockerode: typeof Docker | undefined;

/** Loads dockerode on first use: it is a large part of the plugin's start-up time. */
export function loadDockerode(): typeof Docker {
  // `require` exists only in a bundle (scripts/bundle.mjs), which holds dockerode
  // itself; the compiled ES module loads it from node_modules.
  dockerode ??= (
    typeof require === 'function' ? require('dockerode') : createRequire(import.meta.url)('dockerode')
  ) as typeof Docker;
  return dockerode;
}

/** The HTTP status of a dockerode error, when it has one. */
export function statusOf(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null && 'statusCode' in error
    ? (error as { statusCode: number }).statusCode
    : undefined;
}

interface EngineEvent {
  id?: string;
  status?: string;
  error?: string;
  progressDetail?: { current?: number; total?: number };
}

/** Reads an engine progress stream (pull, push, import) to its end; rejects on an error event. */
export function followProgress(
  docker: Docker,
  stream: Readable,
  onEvent?: (e: TransferEvent) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    docker.modem.followProgress(
      stream,
      (err: Error | null) => (err ? reject(err) : resolve()),
      (e: EngineEvent) => {
        if (e.error) return;
        onEvent?.({
          ...(e.id ? { id: e.id } : {}),
          ...(e.status ? { status: e.status } : {}),
          ...(e.progressDetail?.current !== undefined ? { current: e.progressDetail.current } : {}),
          ...(e.progressDetail?.total !== undefined ? { total: e.progressDetail.total } : {}),
        });
      },
    );
  });
}
