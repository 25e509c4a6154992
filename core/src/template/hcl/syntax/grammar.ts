import { createRequire } from 'node:module';
import v8 from 'node:v8';
import { Language, Parser } from 'web-tree-sitter';

let loading: Promise<void> | undefined;
let parser: Parser | undefined;

/**
 * Loads web-tree-sitter and the HCL grammar once per process, on first use.
 * Later calls return the same promise.
 */
export function loadHclGrammar(): Promise<void> {
  loading ??= (async () => {
    // Kiln parses a few small files per run: V8's optimising tier for
    // WebAssembly costs more CPU at start-up than it ever saves here (about
    // half of the first parse), so the grammar runs on the baseline tier.
    // The flag only affects WebAssembly compiled after this point.
    if (process.env.KILN_WASM_TIER_UP !== '1') v8.setFlagsFromString('--liftoff-only');
    const require = createRequire(import.meta.url);
    await Parser.init();
    const language = await Language.load(
      require.resolve('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-hcl.wasm'),
    );
    const p = new Parser();
    p.setLanguage(language);
    parser = p;
  })();
  return loading;
}

/** The loaded parser; throws when `loadHclGrammar()` has not resolved yet. */
export function hclParser(): Parser {
  if (!parser) throw new Error('the HCL parser is not initialised: await initHclParser() before parseHcl()');
  return parser;
}
