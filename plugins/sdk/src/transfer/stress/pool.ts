/** Runs `jobs` with at most `limit` at a time; rejects with the first failure once all have settled. */
export async function inPool(limit: number, jobs: readonly (() => Promise<void>)[]): Promise<void> {
  let next = 0;
  const errors: unknown[] = [];
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++]!;
      await job().catch((e: unknown) => errors.push(e));
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors, `${errors.length} transfers failed: ${errors[0]}`);
}
