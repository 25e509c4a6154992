import { Command, Flags } from '@oclif/core';

/** `kiln version`: prints the version (as `packer version` does). */
export default class Version extends Command {
  static override summary = 'Prints the Kiln version.';
  static override examples = ['kiln version', 'kiln version -machine-readable'];
  static override flags = {
    'machine-readable': Flags.boolean({ description: 'Produce machine-readable output.' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Version);
    const version = this.config.version;
    if (flags['machine-readable']) {
      const ts = Math.floor(Date.now() / 1000);
      const [release, pre = ''] = version.split('-');
      process.stdout.write(`${ts},,version,${release}\n${ts},,version-prerelease,${pre}\n`);
      process.stdout.write(`${ts},,ui,say,Kiln v${version}\n`);
      return;
    }
    process.stdout.write(`Kiln v${version}\n`);
  }
}
