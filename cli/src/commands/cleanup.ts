import type { Leftover, LeftoverScope } from '@kiln/plugin-sdk';
import { Command, Flags } from '@oclif/core';
import { UserError } from '../user-error.js';

/** "@kiln/plugin-docker" -> "docker". */
const shortName = (name: string) => name.replace(/^@[^/]+\//, '').replace(/^(kiln-)?plugin-/, '');

/**
 * `kiln cleanup`: asks every installed plugin that serves the leftovers
 * service what builds left behind (by the run id they labelled it with),
 * lists it and, with -force, removes it.
 */
export default class Cleanup extends Command {
  static override summary =
    'List, and with -force remove, what interrupted or aborted builds left behind (containers, VMs, cloud resources).';
  static override description =
    'Every plugin that serves the leftovers service is asked what its builds left: the docker plugin containers labelled io.kiln.run whose plugin is gone, the qemu plugin QEMU processes of such builds (and the output directories they made), the amazon plugin instances, key pairs, security groups and volumes tagged kiln:run and AMIs and snapshots still tagged kiln:incomplete, in the given regions; the googlecompute plugin instances and disks labelled kiln-run in the given zones and images still labelled kiln-incomplete, in the given project. A build run with -on-error=abort prints the command that removes what it left. Nothing is removed unless -force is given. AWS credentials come from the environment, the shared files or -profile, as for the builder.';
  static override examples = [
    'kiln cleanup',
    'kiln cleanup -run k3x9a2b1 -force',
    'kiln cleanup -region us-east-1 -region eu-west-1 -force',
    'kiln cleanup -region us-east-1 -endpoint http://127.0.0.1:5001',
    'kiln cleanup -project my-project -zone us-central1-a -force',
    'kiln cleanup -executor=kubernetes -namespace builds -force',
  ];
  static override flags = {
    executor: Flags.option({
      options: ['local', 'kubernetes'] as const,
      env: 'KILN_EXECUTOR',
      description:
        "kubernetes: look for the Jobs, pods, ConfigMaps and Secrets of interrupted `kiln build -executor=kubernetes` runs instead (in the kubeconfig's cluster). Also KILN_EXECUTOR.",
    })(),
    namespace: Flags.string({
      helpValue: 'NS',
      description: "-executor=kubernetes: the namespace (default: the kubeconfig context's, else default).",
    }),
    run: Flags.string({ description: 'Only what this run id (printed by the aborted build) left.' }),
    force: Flags.boolean({ description: 'Remove what was found (default: only list it).' }),
    region: Flags.string({
      multiple: true,
      multipleNonGreedy: true,
      description: 'An AWS region to look in; can be given several times (default: AWS_REGION).',
    }),
    profile: Flags.string({ description: 'A profile of the shared AWS config and credentials files.' }),
    endpoint: Flags.string({
      description: "An EC2 endpoint to use instead of the region's (custom_endpoint_ec2).",
    }),
    project: Flags.string({ description: 'A Google Cloud project to look in (default: GOOGLE_PROJECT).' }),
    zone: Flags.string({
      multiple: true,
      multipleNonGreedy: true,
      description: 'A Google Cloud zone to look for instances and disks in; can be given several times.',
    }),
    'compute-endpoint': Flags.string({
      description: "A Compute Engine endpoint to use instead of Google's (custom_endpoints.compute).",
    }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Cleanup);
    if (flags.executor === 'kubernetes') return this.cluster(flags.run, flags.namespace, flags.force);
    const scope: LeftoverScope = {
      ...(flags.run ? { run: flags.run } : {}),
      options: {
        ...(flags.region ? { region: flags.region } : {}),
        ...(flags.profile ? { profile: [flags.profile] } : {}),
        ...(flags.endpoint ? { endpoint: [flags.endpoint] } : {}),
        ...(flags.project ? { project: [flags.project] } : {}),
        ...(flags.zone ? { zone: flags.zone } : {}),
        ...(flags['compute-endpoint'] ? { 'compute-endpoint': [flags['compute-endpoint']] } : {}),
      },
    };
    const core = await import('@kiln/core');
    const host = new core.PluginHost();
    const signal = new AbortController().signal;
    const errors: string[] = [];
    try {
      const packages = [...core.workspacePlugins().plugins, ...core.installedPlugins().plugins];
      const { plugins, failed } = await core.pluginLeftovers(host, packages);
      errors.push(...failed);
      const found: { plugin: string; leftovers: Leftover[] }[] = [];
      for (const p of plugins) {
        try {
          const list = await p.finder.list(scope, signal);
          for (const note of list.notes) process.stderr.write(`${shortName(p.plugin)}: ${note}\n`);
          if (list.leftovers.length) found.push({ plugin: p.plugin, leftovers: list.leftovers });
        } catch (error) {
          errors.push(`${p.plugin}: ${(error as Error).message}`);
        }
      }
      const count = found.reduce((n, f) => n + f.leftovers.length, 0);
      for (const f of found)
        for (const l of f.leftovers)
          process.stdout.write(
            `${shortName(f.plugin)}\t${l.kind}\t${l.id}\t${l.location}\trun ${l.run || '?'}\n`,
          );
      if (!count && !errors.length) process.stdout.write('Nothing left behind.\n');
      else if (count && !flags.force)
        process.stdout.write(`${count} resource(s) left behind. Run again with -force to remove them.\n`);
      else if (count) {
        let removed = 0;
        for (const f of found) {
          const plugin = plugins.find((p) => p.plugin === f.plugin)!;
          try {
            const r = await plugin.finder.remove(f.leftovers, scope, signal);
            for (const line of r.removed) process.stdout.write(`${line}\n`);
            removed += r.removed.length;
            errors.push(...r.failed.map((line) => `${f.plugin}: ${line}`));
          } catch (error) {
            errors.push(`${f.plugin}: ${(error as Error).message}`);
          }
        }
        process.stdout.write(`Removed ${removed} resource(s).\n`);
      }
    } finally {
      await host.shutdown();
    }
    if (errors.length) throw new UserError(`kiln cleanup could not finish:\n  ${errors.join('\n  ')}`);
  }

  /** -executor=kubernetes: what runs labelled app.kubernetes.io/managed-by=kiln left in the namespace. */
  private async cluster(
    run: string | undefined,
    namespace: string | undefined,
    force: boolean,
  ): Promise<void> {
    const core = await import('@kiln/core');
    const leftovers = await core.kubernetesLeftovers({
      ...(namespace !== undefined ? { namespace } : {}),
      env: process.env,
    });
    const found = await leftovers.list(run);
    for (const l of found)
      process.stdout.write(`kubernetes\t${l.kind}\t${l.name}\t${leftovers.where}\trun ${l.run || '?'}\n`);
    if (!found.length) {
      process.stdout.write('Nothing left behind.\n');
      return;
    }
    if (!force) {
      process.stdout.write(
        `${found.length} resource(s) left behind. Run again with -force to remove them.\n`,
      );
      return;
    }
    const left = await leftovers.remove(run, 180_000);
    process.stdout.write(`Removed ${found.length - left.length} resource(s).\n`);
    if (left.length)
      throw new UserError(
        `kiln cleanup could not finish: still there after 180 s in ${leftovers.where}: ${left.map((l) => `${l.kind} ${l.name}`).join(', ')}`,
      );
  }
}
