import type { v1 } from '@kiln/proto';
import { checkHealth, checkToken } from './check-auth-health.js';
import { checkCancel } from './check-cancel.js';
import { checkCrash } from './check-crash.js';
import { checkDescribe, checkSchema, componentLabel } from './check-describe.js';
import { checkLeaks, checkStdinClose, checkStdout } from './check-exit.js';
import { checkLeftovers } from './check-leftovers.js';
import { checkShutdown, checkUnknownType } from './check-lifecycle.js';
import { checkCookie, checkHandshake, checkProtocol } from './check-startup.js';
import { FakeCore } from './fake-core.js';
import { fail, Kit, type Session, skip } from './kit.js';
import { type ResolvedTarget, resolveTarget } from './target.js';
import type { ConformanceOptions, ConformanceReport } from './types.js';

function report(target: string, kit: Kit): ConformanceReport {
  const count = (s: string) => kit.results.filter((r) => r.status === s).length;
  const failed = count('fail');
  return {
    target,
    ...(kit.plugin ? { plugin: kit.plugin } : {}),
    checks: kit.results,
    passed: count('pass'),
    failed,
    skipped: count('skip'),
    ok: failed === 0 && kit.results.every((r) => r.status === 'pass'),
  };
}

const NOT_STARTED = 'not run: the plugin did not start';

/** The checks on one long-lived process; resolves with the builder types, or undefined when it did not start. */
async function mainSession(
  kit: Kit,
  fixtures: Record<string, Record<string, unknown>>,
): Promise<string[] | undefined> {
  let session: Session | undefined;
  const start = await kit.check(
    'handshake',
    'handshake line well-formed within the start bound',
    async () => {
      const r = await checkHandshake(kit);
      session = r.session;
      return r.outcome;
    },
  );
  const s = session;
  if (!s || start.status !== 'pass') {
    for (const [id, title] of [
      ['describe', 'Describe'],
      ['token', 'calls need the right token'],
      ['health', 'health check SERVING'],
      ['stdin', 'exits when stdin closes'],
    ]) {
      await kit.check(id!, title!, async () => fail(NOT_STARTED));
    }
    await s?.dispose();
    return undefined;
  }
  let described: v1.DescribeResponse__Output | undefined;
  await kit.check('describe', 'Describe: name, version, protocol, components', async () => {
    const r = await checkDescribe(kit, s);
    described = r.described;
    return r.outcome;
  });
  const components = described?.components ?? [];
  for (const c of components) {
    await kit.check(`schema:${componentLabel(c)}`, `GetSchema ${componentLabel(c)}: well-formed`, () =>
      checkSchema(s, c),
    );
  }
  if (components.length > 0) {
    await kit.check('unknown-type', 'Prepare/Configure of an unknown type: an error diagnostic', () =>
      checkUnknownType(
        s,
        components.map((c) => c.kind),
      ),
    );
  }
  const builders = components.filter((c) => c.kind === 'BUILDER').map((c) => c.type);
  await kit.check('token', 'calls with a missing or wrong token are refused', () =>
    checkToken(s, builders[0]),
  );
  await kit.check('health', 'health check SERVING', () => checkHealth(s));
  await kit.check('leftovers', 'Leftovers (optional): List and Remove answer for an unknown run', () =>
    checkLeftovers(s, described),
  );
  const core = new FakeCore();
  await core.start();
  try {
    for (const type of builders) {
      const fixture = fixtures[type];
      await kit.check(`cancel:builder/${type}`, `cancel mid-Run of builder/${type}`, async () =>
        fixture ? checkCancel(kit, s, core, type, fixture) : skip(`no config fixture for builder ${type}`),
      );
    }
  } finally {
    await core.dispose();
  }
  await kit.check('stdin', 'exits when stdin closes', () => checkStdinClose(kit, s));
  await s.dispose();
  return builders;
}

/**
 * Runs the conformance kit against a plugin: a package directory (with a
 * package.json "kiln" field) or an executable in any language. Every check
 * is bounded in time; the report lists each with pass, fail or a stated
 * "not run". Never throws for a misbehaving plugin; throws only when the
 * target cannot be resolved at all.
 */
export async function runConformance(
  target: string,
  options: ConformanceOptions = {},
): Promise<ConformanceReport> {
  const resolved: ResolvedTarget = resolveTarget(target);
  const fixtures = { ...resolved.fixtures, ...options.fixtures };
  const kit = new Kit(resolved, options);
  const builders = await mainSession(kit, fixtures);
  await kit.check('cookie', 'wrong or missing magic cookie: refuses, exits non-zero', () => checkCookie(kit));
  await kit.check('protocol', 'unsupported protocol versions: exits non-zero with a message', () =>
    checkProtocol(kit),
  );
  await kit.check('shutdown', 'Shutdown: answers, exits 0 within the grace period', () => checkShutdown(kit));
  const crashType = builders?.find((b) => fixtures[b]);
  if (builders === undefined || builders.length > 0) {
    await kit.check(
      'crash',
      'crash mid-Run: reported with name, version, signal, stderr; nothing hangs',
      async () => {
        if (builders === undefined) return fail(NOT_STARTED);
        if (crashType) return checkCrash(kit, crashType, fixtures[crashType]!);
        return skip(`no config fixture for builder ${builders.join(', ')}`);
      },
    );
  }
  await kit.check('stdout', 'nothing on stdout after the handshake', () => checkStdout(kit));
  await kit.check('leaks', 'no leaked processes, sockets or socket directories', () => checkLeaks(kit));
  return report(target, kit);
}
