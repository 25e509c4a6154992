import { execFile } from 'node:child_process';
import {
  checkApiVersion,
  PACKER_MAGIC_COOKIE_KEY,
  PACKER_PROTOCOL_VERSION,
  parseApiVersion,
} from './handshake.js';

/** The name packer-plugin-sdk gives a component registered under the plugin's own name. */
export const DEFAULT_COMPONENT_NAME = '-packer-default-plugin-name-';

/** What `packer-plugin-NAME describe` prints. */
export interface PackerPluginDescription {
  version: string;
  sdkVersion: string;
  apiVersion: string;
  protocolVersion: string;
  builders: string[];
  provisioners: string[];
  postProcessors: string[];
  datasources: string[];
}

/** The description in what `BINARY describe` printed (a JSON object). */
export function parseDescription(path: string, out: string): PackerPluginDescription {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(out) as Record<string, unknown>;
  } catch {
    throw new Error(`\`${path} describe\` did not print a plugin description (is it a Packer plugin?)`);
  }
  const list = (k: string) => (Array.isArray(raw[k]) ? (raw[k] as unknown[]).map(String) : []);
  return {
    version: String(raw.version ?? ''),
    sdkVersion: String(raw.sdk_version ?? ''),
    apiVersion: String(raw.api_version ?? ''),
    protocolVersion: String(raw.protocol_version ?? ''),
    builders: list('builders'),
    provisioners: list('provisioners'),
    postProcessors: list('post_processors'),
    datasources: list('datasources'),
  };
}

/** Runs `BINARY describe` and checks that Kiln can speak to the plugin. */
export async function describePackerPlugin(
  path: string,
  timeoutMs = 30_000,
): Promise<PackerPluginDescription> {
  const env = { ...process.env };
  delete env[PACKER_MAGIC_COOKIE_KEY];
  const out = await new Promise<string>((resolve, reject) => {
    execFile(path, ['describe'], { env, timeout: timeoutMs, maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      if (error) {
        const tail = stderr.trim().split('\n').slice(-5).join('\n  ');
        reject(
          new Error(
            `\`${path} describe\` failed: ${error.message.split('\n')[0]}${tail ? `\n  ${tail}` : ''}`,
          ),
        );
      } else resolve(stdout);
    });
  });
  const d = parseDescription(path, out);
  checkDescription(path, d);
  return d;
}

/** Throws when the plugin's API or protocol version is not one Kiln speaks. */
export function checkDescription(path: string, d: PackerPluginDescription): void {
  try {
    const v = parseApiVersion(d.apiVersion);
    checkApiVersion(v.major, v.minor);
  } catch (e) {
    throw new Error(`Packer plugin ${path}: ${(e as Error).message}`);
  }
  if (d.protocolVersion !== PACKER_PROTOCOL_VERSION)
    throw new Error(
      `Packer plugin ${path} speaks protocol ${d.protocolVersion || 'v1 (gob)'}; Kiln speaks only ${PACKER_PROTOCOL_VERSION} (plugins built with packer-plugin-sdk 0.5.2 or later): install a newer version of the plugin`,
    );
}

/**
 * The template type of a component: `NAME-COMPONENT` (e.g. "qemu" plugin,
 * "iso" builder: "qemu-iso"), or `NAME` for the SDK's default component.
 */
export function componentTypeName(pluginName: string, component: string): string {
  return component === DEFAULT_COMPONENT_NAME ? pluginName : `${pluginName}-${component}`;
}
