import type { Artifact } from '@kiln/plugin-sdk';

/** Packer's builder id for Compute Engine images (post-processors check it). */
export const BUILDER_ID = 'packer.googlecompute';

/** The image of a build as an artifact: id is the image name. */
export function imageArtifact(
  image: { name: string; project: string; zone: string; labels: Record<string, string> },
  generated: Record<string, unknown>,
): Artifact {
  return {
    builderId: BUILDER_ID,
    id: image.name,
    files: [],
    description: `A disk image was created in the '${image.project}' project: ${image.name}`,
    state: {
      image_name: image.name,
      project_id: image.project,
      zone: image.zone,
      image_labels: image.labels,
      generated_data: generated,
    },
    producer: { kind: 'builder', type: 'googlecompute' },
  };
}
