import type { InflightCalls } from '../rpc/server-call.js';

/**
 * Installs handlers for uncaught exceptions and unhandled rejections: every
 * in-flight call fails with the error, the stack goes to stderr (core's log
 * and its crash report), and the process exits with status 2.
 */
export function installCrashHandler(pluginName: string, calls: InflightCalls): void {
  let crashed = false;
  const crash = (kind: string, error: unknown) => {
    if (crashed) return;
    crashed = true;
    const err = error instanceof Error ? error : new Error(String(error));
    process.stderr.write(`${pluginName} crashed (${kind}): ${err.stack ?? err.message}\n`);
    calls.failAll(new Error(`plugin ${pluginName} crashed: ${err.message}`));
    setTimeout(() => process.exit(2), 100);
  };
  process.on('uncaughtException', (e) => crash('uncaught exception', e));
  process.on('unhandledRejection', (e) => crash('unhandled rejection', e));
}
