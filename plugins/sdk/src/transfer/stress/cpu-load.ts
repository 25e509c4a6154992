import { Worker } from 'node:worker_threads';

/**
 * Busy work while a stress run goes on: `workers` threads spinning, and
 * short synchronous stalls of this thread's event loop, so that callbacks
 * and I/O completions arrive in the orders a loaded machine produces.
 */
export function startCpuLoad(workers = 1): AsyncDisposable {
  const threads = Array.from(
    { length: workers },
    () => new Worker('for (;;) { Math.sqrt(Math.random()); }', { eval: true }),
  );
  for (const t of threads) t.unref();
  const stall = setInterval(() => {
    const until = performance.now() + 2 + Math.random() * 4;
    while (performance.now() < until) {}
  }, 9);
  stall.unref();
  return {
    async [Symbol.asyncDispose]() {
      clearInterval(stall);
      await Promise.all(threads.map((t) => t.terminate()));
    },
  };
}
