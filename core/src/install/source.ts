const NPM_NAME = /^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;

/** Packer's well-known plugin sources and the first-party packages that serve them. */
export const WELL_KNOWN_SOURCES: Readonly<Record<string, string>> = {
  'github.com/hashicorp/docker': '@kiln/plugin-docker',
  'github.com/hashicorp/qemu': '@kiln/plugin-qemu',
  'github.com/hashicorp/amazon': '@kiln/plugin-amazon',
  'github.com/hashicorp/googlecompute': '@kiln/plugin-googlecompute',
  'github.com/hashicorp/ansible': '@kiln/plugin-ansible',
};

/**
 * The npm package a required_plugins source names:
 * - `npm:<package>` names the package itself (`npm:@acme/kiln-plugin-foo`);
 * - Packer's well-known `github.com/hashicorp/<name>` sources map to the
 *   first-party `@kiln/plugin-<name>` packages (docker, qemu, amazon, googlecompute, ansible);
 * - any other `<host>/<owner>/<name>` maps to `@<owner>/kiln-plugin-<name>`,
 *   with a leading `packer-plugin-` dropped from the name
 *   (`github.com/acme/packer-plugin-foo` -> `@acme/kiln-plugin-foo`).
 * Throws with what is wrong and the accepted forms.
 */
export function packageForSource(source: string): string {
  const known = WELL_KNOWN_SOURCES[source.toLowerCase()];
  if (known) return known;
  let name: string;
  if (source.startsWith('npm:')) {
    name = source.slice(4);
  } else {
    const parts = source.split('/');
    if (parts.length !== 3 || parts.some((p) => p === '') || !parts[0]!.includes('.'))
      throw new Error(
        `plugin source "${source}" is not of the form <host>/<owner>/<name> (e.g. github.com/hashicorp/docker) or npm:<package>`,
      );
    const owner = parts[1]!.toLowerCase();
    const plugin = parts[2]!.toLowerCase().replace(/^packer-plugin-/, '');
    name = `@${owner}/kiln-plugin-${plugin}`;
  }
  if (!NPM_NAME.test(name) || name.length > 214)
    throw new Error(
      `plugin source "${source}" names "${name}", which is not a valid npm package name (lower case, optionally @scope/name)`,
    );
  return name;
}
