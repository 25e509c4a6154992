// A `node --test` reporter that writes one JSON line per skipped test or
// suite ({ file, line, name, reason }); scripts/run-tests.mjs reads them to
// apply the skip policy (scripts/skip-policy.mjs).
export default async function* skipReporter(source) {
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { skip, name, file, line } = event.data;
    if (skip === undefined || skip === false) continue;
    yield `${JSON.stringify({ file, line, name, reason: typeof skip === 'string' ? skip : '' })}\n`;
  }
}
