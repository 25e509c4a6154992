import type { Artifact, ComponentKind } from '@kiln/plugin-sdk';
import type { RpcClient } from '../rpc/msgpack-rpc.js';

/** Artifacts that live in a Packer plugin process, by the id Kiln's artifact carries. */
const live = new Map<string, { client: RpcClient; release: () => Promise<void> }>();
let next = 0;

/** The state key under which a Kiln artifact names its Packer-side artifact. */
export const PACKER_ARTIFACT_KEY = 'packer_bridge_artifact';

/**
 * Reads a Packer artifact served by a plugin (`Artifact.BuilderId`, `Id`,
 * `Files`, `String`, `State("generated_data")`) into Kiln's plain artifact.
 * The plugin process stays up so the artifact can still be destroyed;
 * `release` ends it.
 */
export async function readRemoteArtifact(
  client: RpcClient,
  producer: { kind: ComponentKind; type: string },
  release: () => Promise<void>,
): Promise<Artifact> {
  const [builderId, id, files, description, generated] = await Promise.all([
    client.call<string>('Artifact.BuilderId'),
    client.call<string>('Artifact.Id'),
    client.call<string[] | null>('Artifact.Files'),
    client.call<string>('Artifact.String'),
    client.call<unknown>('Artifact.State', 'generated_data').catch(() => null),
  ]);
  const key = `a${++next}`;
  live.set(key, { client, release });
  return {
    builderId: String(builderId ?? ''),
    id: String(id ?? ''),
    files: (files ?? []).map(String),
    description: String(description ?? ''),
    state: {
      [PACKER_ARTIFACT_KEY]: key,
      ...(generated && typeof generated === 'object' ? { generated_data: generated } : {}),
    },
    producer,
  };
}

/** Calls `Artifact.Destroy` on the plugin that made `artifact`. */
export async function destroyRemoteArtifact(artifact: Artifact): Promise<void> {
  const key = artifact.state[PACKER_ARTIFACT_KEY];
  const entry = typeof key === 'string' ? live.get(key) : undefined;
  if (!entry) throw new Error(`artifact ${artifact.id} is no longer held by its Packer plugin`);
  const err = await entry.client.call<unknown>('Artifact.Destroy');
  live.delete(key as string);
  await entry.release();
  if (err && typeof err === 'object' && 'Message' in err)
    throw new Error(String((err as { Message: unknown }).Message));
}

/**
 * `State(name)` of an artifact: asked of the Packer plugin that made it when
 * there is one (builder-specific state lives there), else read from Kiln's
 * artifact state.
 */
export async function artifactState(artifact: Artifact, name: string): Promise<unknown> {
  const key = artifact.state[PACKER_ARTIFACT_KEY];
  const entry = typeof key === 'string' ? live.get(key) : undefined;
  if (entry) return entry.client.call('Artifact.State', name);
  return artifact.state[name] ?? null;
}
