import { Args, Command, Flags } from '@oclif/core';
import { templateFlags } from '../template-flags.js';
import { requireTerminalFor } from '../terminal-policy.js';
import { UserError } from '../user-error.js';

/** -cache, KILN_CACHE (1/true, 0/false) and KILN_CACHE_MAX_SIZE as run options. */
async function cacheOptions(
  flag: boolean | undefined,
): Promise<{ cache?: boolean; cacheMaxSizeBytes?: number }> {
  const env = process.env.KILN_CACHE ?? '';
  // Neither the flag nor KILN_CACHE: the template's kiln { cache } decides.
  const cache =
    flag === true || /^(1|true)$/i.test(env) ? true : /^(0|false)$/i.test(env) ? false : undefined;
  const opts = cache === undefined ? {} : { cache };
  const max = process.env.KILN_CACHE_MAX_SIZE;
  if (max === undefined || max === '') return opts;
  const { parseSize } = await import('@kiln/core');
  const bytes = parseSize(max);
  if (bytes === undefined)
    throw new UserError(`KILN_CACHE_MAX_SIZE="${max}" is not a size`, {
      suggestions: ['Examples: KILN_CACHE_MAX_SIZE=5GB, KILN_CACHE_MAX_SIZE=0 (no cap)'],
    });
  return { ...opts, cacheMaxSizeBytes: bytes };
}

/**
 * The executor the flags (or KILN_EXECUTOR) name, else the template's kiln
 * { executor, namespace, image }, else local; refuses what a remote run
 * cannot do.
 */
async function chooseExecutor(
  core: typeof import('@kiln/core'),
  flags: { executor?: string; namespace?: string; image?: string; debug?: boolean; 'on-error'?: string },
  config: Pick<import('@kiln/core').LoadedConfig, 'executorDefault'>,
  cache: boolean | undefined,
): Promise<import('@kiln/core').Executor> {
  const block = config.executorDefault ?? {};
  // The kiln block's value was checked when the template loaded.
  const name = (flags.executor ?? block.name ?? 'local') as 'local' | 'kubernetes';
  if (name !== 'kubernetes' && (flags.namespace ?? flags.image) !== undefined)
    throw new UserError('-namespace and -image apply to -executor=kubernetes only');
  if (name === 'kubernetes' && cache)
    throw new UserError('-cache keeps its entries on this machine: it works with -executor=local only');
  if (name === 'kubernetes' && (flags.debug || flags['on-error'] === 'ask'))
    throw new UserError(
      `-executor=kubernetes: ${flags.debug ? '-debug' : '-on-error=ask'} needs a terminal the build's pod does not have; run the build locally`,
    );
  const namespace = flags.namespace ?? (name === 'kubernetes' ? block.namespace : undefined);
  const image = flags.image ?? (name === 'kubernetes' ? block.image : undefined);
  return core.createExecutor(name, {
    ...(namespace !== undefined ? { namespace } : {}),
    ...(image !== undefined ? { image } : {}),
    ...(block.placements ? { placements: block.placements } : {}),
    ...(block.filesMaxSize !== undefined ? { filesMaxSize: block.filesMaxSize } : {}),
    env: process.env,
  });
}

/**
 * KILN_RUN_ID: the run id a build's pod takes from the run that started it
 * (-executor=kubernetes), so that, as in one local run, every build records
 * the same packer_run_uuid.
 */
function runIdFrom(env: NodeJS.ProcessEnv): { runId?: string } {
  const id = env.KILN_RUN_ID;
  return id && /^[-a-zA-Z0-9]{1,64}$/.test(id) ? { runId: id } : {};
}

/** `kiln build`: runs the template's builds, as `packer build`. */
export default class Build extends Command {
  static override summary = 'Build image(s) from a template.';
  static override description =
    'Runs the builds of a template (a legacy JSON file, an HCL2 file or a directory of .pkr.hcl files) in parallel, and lists the artifacts they made. Flags take one dash or two: -var and --var are the same.';
  static override examples = [
    'kiln build template.pkr.hcl',
    "kiln build -var 'image=debian' -only=docker.base -parallel-builds=1 .",
    'kiln build -machine-readable template.json',
    'kiln build -cache template.pkr.hcl',
    'kiln build -executor=kubernetes -namespace=builds -image=kiln:0.1.0 .',
  ];
  static override args = {
    template: Args.string({ required: true, description: 'Template file or directory.' }),
  };
  static override flags = {
    ...templateFlags,
    'parallel-builds': Flags.integer({
      default: 0,
      min: 0,
      description: 'Number of builds to run in parallel. 1 disables parallelization. 0 means no limit.',
    }),
    force: Flags.boolean({
      description: 'Force a build to continue if artifacts exist, deletes existing artifacts.',
    }),
    debug: Flags.boolean({
      description: 'Debug mode enabled for builds: pause after each step and before each provisioner.',
    }),
    'on-error': Flags.option({
      options: ['cleanup', 'abort', 'ask', 'run-cleanup-provisioner'] as const,
      default: 'cleanup' as const,
      description: 'If the build fails do: clean up (default), abort, ask, or run-cleanup-provisioner.',
    })(),
    cache: Flags.boolean({
      description:
        'Step cache: start each build from the saved state after its last unchanged provisioner, and save the state after each provisioner that runs (also KILN_CACHE=1). See docs/cache.md.',
    }),
    'timestamp-ui': Flags.boolean({
      description: 'Prefix each line of build output with an RFC3339 timestamp.',
    }),
    'machine-readable': Flags.boolean({ description: 'Produce machine-readable output.' }),
    output: Flags.option({
      options: ['human', 'machine', 'json'] as const,
      description:
        'Output format: human (default), machine (same as -machine-readable) or json (JSON lines).',
    })(),
    'use-sequential-evaluation': Flags.boolean({
      description: 'Fallback to using a sequential approach for local/datasource evaluation.',
    }),
    'warn-on-undeclared-var': Flags.boolean({
      description: 'Display warnings for user variable files containing undeclared variables.',
    }),
    executor: Flags.option({
      options: ['local', 'kubernetes'] as const,
      env: 'KILN_EXECUTOR',
      description:
        'Where builds run: local (default, this process) or kubernetes (one Job per build, see docs/kubernetes.md). Also KILN_EXECUTOR.',
    })(),
    namespace: Flags.string({
      helpValue: 'NS',
      description:
        "-executor=kubernetes: the namespace of the Jobs (default: the kubeconfig context's, else default).",
    }),
    image: Flags.string({
      helpValue: 'IMAGE',
      description:
        "-executor=kubernetes: Kiln's container image the Jobs run (default kiln:latest, see docs/container.md).",
    }),
    color: Flags.boolean({
      default: true,
      allowNo: true,
      description: 'Colour output (-color=false disables it).',
    }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Build);
    requireTerminalFor(flags);
    const core = await import('@kiln/core');
    const { runOptions } = await import('../run-options.js');
    const { printWarnings } = await import('../print-warnings.js');
    const { watchInterrupts } = await import('../interrupts.js');
    const cache = await cacheOptions(flags.cache);
    const interrupts = watchInterrupts();
    try {
      await using run = await core.openRun(args.template, {
        ...runOptions(flags),
        warnOnUndeclaredVar: flags['warn-on-undeclared-var'],
        sequential: flags['use-sequential-evaluation'] === true,
        debug: flags.debug,
        force: flags.force,
        onError: flags['on-error'],
        ...cache,
        ...runIdFrom(process.env),
        signal: interrupts.signal,
      });
      const executor = await chooseExecutor(core, flags, run.config, cache.cache ?? run.config.cacheDefault);
      interrupts.killOnSecond(run);
      await printWarnings(run.config);
      const sink = core.createOutput({
        format: flags.output ?? (flags['machine-readable'] ? 'machine' : 'human'),
        color: flags.color,
        timestamps: flags['timestamp-ui'],
        env: process.env,
        mask: run.mask,
      });
      interrupts.onInterrupt(() =>
        sink.emit({ type: 'notice', level: 'error', text: 'Cancelling build after receiving interrupt' }),
      );
      await printWarnings(run.config, await run.validate(), true);
      const outcome = await run.build(sink, interrupts.signal, {
        parallel: flags['parallel-builds'],
        executor,
      });
      process.exitCode = outcome.exitCode;
    } finally {
      interrupts.dispose();
    }
  }
}
