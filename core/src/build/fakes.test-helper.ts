import type { Artifact, Builder, ConfigSchema, PostProcessor, Provisioner, Ui } from '@kiln/plugin-sdk';
import { type ProvisionState, runSteps, type Step, stepProvision } from '@kiln/plugin-sdk';
import type { BuildPlan, ComponentConfig, PostProcessorConfig, ProvisionerConfig } from '../config/model.js';
import type { SourceRange } from '../config/source-range.js';
import type { OutputEvent, OutputSink } from '../ui/events.js';
import { sleep } from './sleep.js';
import type { BuildFlags, ComponentResolver } from './types.js';

const schema: ConfigSchema = { attributes: {}, open: true };
export const range = (line: number): SourceRange => ({
  filename: 't.pkr.hcl',
  start: { line, column: 1, byte: 0 },
  end: { line, column: 5, byte: 4 },
});

/** Records what happened, in order, across all builds. */
export const journal: string[] = [];
export let running = 0;
export let maxRunning = 0;

export function resetJournal(): void {
  journal.length = 0;
  running = 0;
  maxRunning = 0;
}

export const artifactOf = (id: string, builderId = 'test.fake'): Artifact => ({
  builderId,
  id,
  files: [],
  description: `artifact ${id}`,
  state: {},
});

/** A builder with a create step, the provision hook, and a cleanup; config.sleep delays the create step. */
export const fakeBuilder: Builder = {
  schema,
  async prepare(config, build) {
    if (config.bad)
      throw new (await import('@kiln/plugin-sdk')).ConfigError([
        { severity: 'error', summary: 'bad is not allowed', path: ['bad'] },
      ]);
    return {
      async run(ctx) {
        const state: ProvisionState = { hook: ctx.hook, generatedData: {} };
        await runSteps(
          [
            {
              name: 'create',
              async run(_s, c) {
                running++;
                maxRunning = Math.max(maxRunning, running);
                journal.push(`${build.buildName}:create`);
                try {
                  await sleep(Number(config.sleep ?? 0), c.signal);
                } finally {
                  running--;
                }
              },
              async cleanup() {
                journal.push(`${build.buildName}:cleanup`);
              },
            },
            stepProvision(),
          ] satisfies Step<ProvisionState>[],
          state,
          ctx,
        );
        return artifactOf(build.buildName);
      },
    };
  },
  async destroyArtifact(a) {
    journal.push(`destroy:${a.id}`);
  },
};

export const fakeProvisioner: Provisioner = {
  schema,
  async prepare(config, build) {
    return {
      async provision(ctx) {
        journal.push(`${build.buildName}:provision:${config.say}`);
        ctx.ui.message(String(config.say));
        if (config.fail) throw new Error(`failed ${config.say}`);
      },
    };
  },
};

/** Returns config.passthrough ? the input : a new artifact; keep = config.keep. */
export const fakePostProcessor: PostProcessor = {
  schema,
  async configure(config) {
    return {
      async postProcess(ctx, artifact) {
        journal.push(`pp:${config.id}:${artifact.id}`);
        ctx.ui.say(`processing ${artifact.id}`);
        if (config.fail) throw new Error('pp broke');
        return {
          artifact: config.passthrough ? artifact : artifactOf(String(config.id), 'test.pp'),
          keep: Boolean(config.keep),
          forceOverride: Boolean(config.force),
        };
      },
    };
  },
  async destroyArtifact(a) {
    journal.push(`destroy:${a.id}`);
  },
};

export const resolver: ComponentResolver = {
  builder: async () => fakeBuilder,
  provisioner: async () => fakeProvisioner,
  postProcessor: async () => fakePostProcessor,
};

function component<K extends ComponentConfig['kind']>(kind: K, body: Record<string, unknown>, line: number) {
  return {
    kind,
    type: 'fake',
    range: range(line),
    evaluate: () => ({ ...body }),
    locate: (path: (string | number)[]) => range(line + path.length),
  };
}

export function prov(
  body: Record<string, unknown>,
  extra: Partial<ProvisionerConfig> = {},
): ProvisionerConfig {
  return {
    ...component('provisioner', body, 10),
    displayName: 'fake',
    only: [],
    except: [],
    override: {},
    pauseBeforeMs: 0,
    maxRetries: 0,
    timeoutMs: 0,
    ...extra,
  };
}

export function pp(body: Record<string, unknown>, keepInputArtifact?: boolean): PostProcessorConfig {
  return {
    ...component('post-processor', body, 20),
    displayName: 'fake',
    only: [],
    except: [],
    keepInputArtifact,
  };
}

export function plan(
  name: string,
  parts: Partial<BuildPlan> & { body?: Record<string, unknown> } = {},
): BuildPlan {
  const { body, ...rest } = parts;
  return {
    name,
    sourceType: 'fake',
    sourceName: name,
    builder: component('builder', body ?? {}, 1),
    provisioners: [],
    postProcessors: [],
    ...rest,
  };
}

export const flags: BuildFlags = {
  runId: 'run1',
  debug: false,
  force: false,
  onError: 'cleanup',
  templateDir: '/tmp',
  userVariables: {},
};

/** A sink that records events. */
export function recordingSink(): OutputSink & { events: OutputEvent[]; lines(): string[] } {
  const events: OutputEvent[] = [];
  return {
    events,
    emit: (e) => events.push(e),
    ask: async () => '',
    lines: () =>
      events.flatMap((e) =>
        e.type === 'ui' ? [`${e.build}${e.source ? ` (${e.source})` : ''}: ${e.text}`] : [],
      ),
  };
}

export const silentUi: Ui = {
  say() {},
  message() {},
  error() {},
  progress() {},
  ask: async () => '',
};
