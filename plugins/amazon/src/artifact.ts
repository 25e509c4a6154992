import type { Artifact } from '@kiln/plugin-sdk';

/** Packer's builder id for EBS AMIs (post-processors check it). */
export const BUILDER_ID = 'mitchellh.amazonebs';

/** The AMIs of a build as an artifact: id "region:ami,region:ami", sorted by region. */
export function amiArtifact(amis: Record<string, string>, generated: Record<string, unknown>): Artifact {
  const regions = Object.keys(amis).sort();
  return {
    builderId: BUILDER_ID,
    id: regions.map((r) => `${r}:${amis[r]}`).join(','),
    files: [],
    description: `AMIs were created:\n${regions.map((r) => `${r}: ${amis[r]}\n`).join('')}`,
    state: { amis: { ...amis }, generated_data: generated },
    producer: { kind: 'builder', type: 'amazon-ebs' },
  };
}

/** The region => AMI map of an artifact made by {@link amiArtifact}. */
export function amisOf(artifact: Artifact): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of artifact.id.split(',')) {
    const i = pair.indexOf(':');
    if (i > 0) out[pair.slice(0, i)] = pair.slice(i + 1);
  }
  return out;
}
