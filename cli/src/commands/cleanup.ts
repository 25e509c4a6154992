import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command, Flags } from '@oclif/core';
import { UserError } from '../user-error.js';

/** One resource a build left behind (the amazon plugin's Leftover). */
interface Leftover {
  region: string;
  kind: string;
  id: string;
  run: string;
}

/** What `kiln cleanup` uses of @kiln/plugin-amazon; loaded from wherever the plugin is. */
interface AmazonPlugin {
  SdkEc2Driver: new (access: object, region: string) => unknown;
  findLeftovers(drivers: (region: string) => unknown, regions: string[], run?: string): Promise<Leftover[]>;
  removeLeftovers(
    drivers: (region: string) => unknown,
    items: Leftover[],
    say: (line: string) => void,
  ): Promise<string[]>;
  awsMessage(error: unknown): string;
}

const PACKAGE = '@kiln/plugin-amazon';

/**
 * `kiln cleanup`: lists what interrupted amazon-ebs builds left behind (by
 * their kiln:run tag) and, with -force, removes it.
 */
export default class Cleanup extends Command {
  static override summary =
    'List, and with -force remove, cloud resources that interrupted builds left behind.';
  static override description =
    'Every resource an amazon-ebs build creates carries the tag kiln:run=<run id>. A build that fails or is cancelled removes what it made; one that was killed cannot. This command finds, in the given regions: instances that are not terminated, key pairs, security groups and volumes tagged kiln:run, and AMIs and snapshots still tagged kiln:incomplete. It only lists them unless -force is given. Credentials come from the environment, the shared files or -profile, as for the builder.';
  static override examples = [
    'kiln cleanup -region us-east-1',
    'kiln cleanup -region us-east-1 -region eu-west-1 -run k3x9a2b1 -force',
    'kiln cleanup -region us-east-1 -endpoint http://127.0.0.1:5001',
  ];
  static override flags = {
    region: Flags.string({
      multiple: true,
      multipleNonGreedy: true,
      description: 'A region to look in; can be given several times (default: AWS_REGION).',
    }),
    run: Flags.string({ description: 'Only what this run id (the kiln:run tag) left.' }),
    force: Flags.boolean({ description: 'Remove what was found (default: only list it).' }),
    profile: Flags.string({ description: 'A profile of the shared AWS config and credentials files.' }),
    endpoint: Flags.string({
      description: "An EC2 endpoint to use instead of the region's (custom_endpoint_ec2).",
    }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Cleanup);
    const regions =
      flags.region ?? [process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? ''].filter(Boolean);
    if (!regions.length)
      throw new UserError('No region to look in', {
        suggestions: ['Give -region us-east-1 (several times for more).'],
      });
    const amazon = await loadAmazonPlugin();
    const access = {
      region: regions[0],
      skipRegionValidation: true,
      maxRetries: 10,
      ...(flags.profile ? { profile: flags.profile } : {}),
      ...(flags.endpoint ? { customEndpointEc2: flags.endpoint } : {}),
    };
    const drivers = (region: string) => new amazon.SdkEc2Driver(access, region);
    let found: Leftover[];
    try {
      found = await amazon.findLeftovers(drivers, regions, flags.run);
    } catch (error) {
      throw new UserError(`Could not list resources: ${amazon.awsMessage(error)}`);
    }
    if (!found.length) {
      process.stdout.write(`Nothing left behind in ${regions.join(', ')}.\n`);
      return;
    }
    for (const l of found) process.stdout.write(`${l.region}\t${l.kind}\t${l.id}\trun ${l.run || '?'}\n`);
    if (!flags.force) {
      process.stdout.write(
        `${found.length} resource(s) left behind. Run again with -force to remove them.\n`,
      );
      return;
    }
    const failed = await amazon.removeLeftovers(drivers, found, (line) => process.stdout.write(`${line}\n`));
    if (failed.length)
      throw new UserError(`Could not remove ${failed.length} resource(s):\n  ${failed.join('\n  ')}`);
    process.stdout.write(`Removed ${found.length} resource(s).\n`);
  }
}

/** Imports the amazon plugin from the workspace or from the installed plugins. */
async function loadAmazonPlugin(): Promise<AmazonPlugin> {
  const { installedPlugins, workspacePlugins } = await import('@kiln/core');
  const candidates = [...workspacePlugins().plugins, ...installedPlugins().plugins].filter(
    (p) => p.name === PACKAGE,
  );
  for (const p of candidates) {
    try {
      return (await import(pathToFileURL(join(p.dir, 'dist', 'index.js')).href)) as AmazonPlugin;
    } catch {
      // Try the next candidate.
    }
  }
  throw new UserError(`The amazon plugin (${PACKAGE}) is not installed`, {
    suggestions: [`kiln plugins install ${PACKAGE}`],
  });
}
