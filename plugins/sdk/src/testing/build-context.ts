import type { BuildContext } from '../component.js';

/** A BuildContext for tests: build "test.null.example", run "run-1234", policy cleanup; `overrides` win. */
export function testBuildContext(overrides: Partial<BuildContext> = {}): BuildContext {
  return {
    runId: 'run-1234',
    buildName: 'test.null.example',
    builderType: 'null',
    debug: false,
    force: false,
    onError: 'cleanup',
    templateDir: process.cwd(),
    userVariables: {},
    ...overrides,
  };
}
