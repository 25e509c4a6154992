import { randomBytes } from 'node:crypto';
import type { v1 } from '@kiln/proto';
import { LEFTOVERS_SERVICE } from '../leftovers.js';
import { fail, type Outcome, pass, type Session } from './kit.js';
import { describeGrpcError } from './plugin-clients.js';

/**
 * The optional Leftovers service, when Describe lists it: List for a run id
 * no build used answers with nothing (notes allowed), and Remove of nothing
 * answers with nothing removed and no failure.
 */
export async function checkLeftovers(
  s: Session,
  described: v1.DescribeResponse__Output | undefined,
): Promise<Outcome> {
  if (!described) return fail('Describe did not answer');
  // Optional: a plugin that does not list it passes; it is then never called.
  if (!described.services.includes(LEFTOVERS_SERVICE)) return pass(`not served (optional)`);
  const scope = { runId: `conformance-${randomBytes(4).toString('hex')}`, options: [] };
  let list: v1.ListLeftoversResponse__Output;
  try {
    list = await s.call<v1.ListLeftoversResponse__Output>('leftovers', 'List', { scope });
  } catch (e) {
    return fail(`List failed: ${describeGrpcError(e)}`);
  }
  if (list.leftovers.length)
    return fail(
      `List for the unused run id ${scope.runId} returned ${list.leftovers.length} leftover(s); it must filter by run id`,
    );
  let removed: v1.RemoveLeftoversResponse__Output;
  try {
    removed = await s.call<v1.RemoveLeftoversResponse__Output>('leftovers', 'Remove', {
      scope,
      leftovers: [],
    });
  } catch (e) {
    return fail(`Remove of nothing failed: ${describeGrpcError(e)}`);
  }
  if (removed.removed.length || removed.failed.length)
    return fail('Remove of nothing reported removals or failures', [...removed.removed, ...removed.failed]);
  return pass(`List and Remove answer${list.notes.length ? ` (notes: ${list.notes.join('; ')})` : ''}`);
}
