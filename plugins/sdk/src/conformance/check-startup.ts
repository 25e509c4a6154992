import { dirname } from 'node:path';
import { MAGIC_COOKIE_VALUE } from '@kiln/proto';
import { describeExit, formatStderrTail, PluginStartError } from '../launch/index.js';
import { fail, type Kit, type Outcome, pass, type Session } from './kit.js';

/** Starts the main session: the handshake line must come, well-formed, within the start bound. */
export async function checkHandshake(kit: Kit): Promise<{ outcome: Outcome; session?: Session }> {
  let session: Session;
  try {
    session = await kit.launch();
  } catch (e) {
    if (e instanceof PluginStartError) {
      return { outcome: fail(e.message.split('\n')[0] ?? e.message, [formatStderrTail(e.stderrTail)]) };
    }
    throw e;
  }
  const h = session.plugin.handshake;
  if (h.network === 'unix' && dirname(h.address) !== session.plugin.socketDir) {
    const outcome = fail(
      `its socket ${h.address} is not in the directory Kiln gave it (${session.plugin.socketDir}); ` +
        'bind the socket inside $KILN_PLUGIN_SOCKET_DIR so that Kiln can clean it up',
    );
    return { outcome, session };
  }
  return { outcome: pass(`"${h.coreProtocol}|${h.protocol}|${h.network}|${h.address}|grpc"`), session };
}

/**
 * Starts the plugin with the given overrides and expects it to refuse:
 * exit non-zero, without a handshake, saying why on stderr.
 */
async function expectRefusal(
  kit: Kit,
  overrides: Parameters<Kit['launch']>[0],
  what: string,
): Promise<string> {
  try {
    const s = await kit.launch(overrides);
    await s.dispose();
    return `with ${what} it printed a handshake instead of exiting non-zero`;
  } catch (e) {
    if (!(e instanceof PluginStartError)) throw e;
    if (e.reason === 'protocol') {
      return `with ${what} it printed a handshake (protocol ${e.message.match(/protocol (\d+)/)?.[1] ?? '?'}) instead of exiting non-zero`;
    }
    if (e.reason === 'timeout') {
      return `with ${what} it neither exited nor handshook within ${kit.timeouts.startMs} ms; it must exit at once`;
    }
    if (e.reason !== 'exited' || !e.exit) return `with ${what}: ${e.message}`;
    if (e.exit.code === 0) return `with ${what} it exited with code 0; it must exit non-zero`;
    if (e.stderrTail.length === 0)
      return `with ${what} it exited (${describeExit(e.exit)}) without a word on stderr`;
    return '';
  }
}

/** A wrong or missing magic cookie: the plugin refuses and exits non-zero without handshaking. */
export async function checkCookie(kit: Kit): Promise<Outcome> {
  const problems = [
    await expectRefusal(kit, { cookie: `${MAGIC_COOKIE_VALUE}-wrong` }, 'a wrong magic cookie'),
    await expectRefusal(kit, { cookie: null }, 'no magic cookie'),
  ].filter(Boolean);
  return problems.length ? fail(problems.join('; ')) : pass('refused a wrong and a missing cookie');
}

/** Only protocol versions it does not speak are offered: it exits non-zero with a message. */
export async function checkProtocol(kit: Kit): Promise<Outcome> {
  const problem = await expectRefusal(
    kit,
    { protocolVersions: [97, 98] },
    'only protocols 97 and 98 offered',
  );
  return problem ? fail(problem) : pass('refused protocols 97 and 98 with a message on stderr');
}
