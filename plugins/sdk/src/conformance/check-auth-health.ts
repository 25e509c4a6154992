import * as grpc from '@grpc/grpc-js';
import { fail, type Outcome, pass, type Session } from './kit.js';
import { describeGrpcError, grpcCode } from './plugin-clients.js';

async function refused(call: () => Promise<unknown>, what: string): Promise<string> {
  try {
    await call();
    return `${what} was answered`;
  } catch (e) {
    if (grpcCode(e) === grpc.status.UNAUTHENTICATED) return '';
    return `${what} failed with ${describeGrpcError(e)} instead of UNAUTHENTICATED`;
  }
}

/** Calls without the token or with a wrong one are refused with UNAUTHENTICATED; the right token works. */
export async function checkToken(s: Session, builderType: string | undefined): Promise<Outcome> {
  const wrong = `${s.plugin.token.slice(0, -4)}beef`;
  const attempts: Array<Promise<string>> = [
    refused(() => s.call('plugin', 'Describe', {}, null), 'Plugin.Describe without a token'),
    refused(() => s.call('plugin', 'Describe', {}, wrong), 'Plugin.Describe with a wrong token'),
    refused(() => s.call('health', 'Check', { service: '' }, null), 'Health.Check without a token'),
    refused(
      () => s.call('plugin', 'Connect', { coreAddress: 'unix:/nonexistent' }, ''),
      'Plugin.Connect with an empty token',
    ),
  ];
  if (builderType) {
    attempts.push(
      refused(
        () => s.call('builder', 'Prepare', { type: builderType, configJson: '{}' }, null),
        'Builder.Prepare without a token',
      ),
    );
  }
  const problems = (await Promise.all(attempts)).filter(Boolean);
  try {
    await s.call('plugin', 'Describe', {});
  } catch (e) {
    problems.push(`Plugin.Describe with the right token failed: ${describeGrpcError(e)}`);
  }
  if (problems.length) return fail(problems.join('; '));
  return pass(`refused ${attempts.length} calls without the right token; the right token works`);
}

/** grpc.health.v1.Health/Check answers SERVING. */
export async function checkHealth(s: Session): Promise<Outcome> {
  try {
    const res = await s.call<{ status: string }>('health', 'Check', { service: '' });
    return res.status === 'SERVING' ? pass('SERVING') : fail(`status ${res.status}, expected SERVING`);
  } catch (e) {
    return fail(`Health.Check failed: ${describeGrpcError(e)}`);
  }
}
