/**
 * What a Packer plugin prints on stdout when started, and which API versions
 * Kiln speaks. Packer's plugin SDK writes `MAJOR|MINOR|NETWORK|ADDRESS`
 * (e.g. `5|0|unix|/tmp/packer-plugin123`) and serves net/rpc there.
 */
export const PACKER_MAGIC_COOKIE_KEY = 'PACKER_PLUGIN_MAGIC_COOKIE';
export const PACKER_MAGIC_COOKIE_VALUE = 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2';

/** The plugin API Kiln speaks: x5.0, as packer-plugin-sdk and Packer 1.16 do. */
export const PACKER_API_MAJOR = 5;
export const PACKER_API_MINOR = 0;
/** The only protocol version spoken: v2 (HCL specs as protobuf, configuration as cty JSON). */
export const PACKER_PROTOCOL_VERSION = 'v2';

export interface PackerHandshake {
  major: number;
  minor: number;
  network: 'unix' | 'tcp';
  address: string;
}

/** Parses the handshake line; throws with what was wrong and what to do. */
export function parsePackerHandshake(line: string): PackerHandshake {
  const parts = line.trim().split('|');
  if (parts.length === 3)
    throw new Error(
      'it speaks plugin protocol 4 or older, which Packer 1.7 and later (and Kiln) no longer support; install a newer version of the plugin',
    );
  if (parts.length < 4) throw new Error(`unrecognised handshake line ${JSON.stringify(line)}`);
  const [major, minor, network, ...rest] = parts;
  const address = rest.join('|');
  checkApiVersion(Number(major), Number(minor));
  if (network !== 'unix' && network !== 'tcp') throw new Error(`unknown address type "${network}"`);
  return { major: Number(major), minor: Number(minor), network, address };
}

/** Refuses API versions other than x5.0 (and older minors of 5), clearly. */
export function checkApiVersion(major: number, minor: number): void {
  if (major !== PACKER_API_MAJOR)
    throw new Error(
      `it speaks Packer plugin API ${major}.${minor}; Kiln speaks ${PACKER_API_MAJOR}.${PACKER_API_MINOR} (install a version of the plugin built with packer-plugin-sdk 0.2 or later)`,
    );
  if (minor > PACKER_API_MINOR)
    throw new Error(
      `it speaks Packer plugin API ${major}.${minor}, newer than the ${PACKER_API_MAJOR}.${PACKER_API_MINOR} Kiln speaks; use an older version of the plugin`,
    );
}

/** Parses `describe`'s api_version ("x5.0"). */
export function parseApiVersion(text: string): { major: number; minor: number } {
  const m = /^x?(\d+)\.(\d+)$/.exec(text.trim());
  if (!m) throw new Error(`unrecognised api_version ${JSON.stringify(text)}`);
  return { major: Number(m[1]), minor: Number(m[2]) };
}
