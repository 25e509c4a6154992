/** Runs tasks with at most `n` at a time (0: no limit), keeping the results in order. */
export async function mapLimit<T, R>(items: T[], n: number, f: (item: T) => Promise<R>): Promise<R[]> {
  const limit = n <= 0 ? items.length : n;
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await f(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
