import type { Artifact } from '@kiln/plugin-sdk';

/** Builder ids, as Packer's docker plugin names them (post-processors check them). */
export const BUILDER_ID = 'packer.docker';
export const IMPORT_ID = 'packer.post-processor.docker-import';
export const TAG_ID = 'packer.post-processor.docker-tag';
export const PUSH_ID = 'packer.post-processor.docker-push';
export const SAVE_ID = 'packer.post-processor.docker-save';

/** An image in the engine (commit, import, tag): "Imported Docker image: <id>". */
export function imageArtifact(
  builderId: string,
  id: string,
  state: Record<string, unknown>,
  type: string,
  kind: 'builder' | 'post-processor',
  description = `Imported Docker image: ${id}`,
): Artifact {
  return { builderId, id, files: [], description, state, producer: { kind, type } };
}

/** A tar file on disk (export_path, docker-save). */
export function fileArtifact(
  builderId: string,
  path: string,
  description: string,
  state: Record<string, unknown>,
  producer: Artifact['producer'],
): Artifact {
  return { builderId, id: path, files: [path], description, state, ...(producer ? { producer } : {}) };
}

/** The docker tags an artifact carries (docker-tag's "docker_tags" state). */
export function tagsOf(artifact: Artifact): string[] {
  const tags = artifact.state.docker_tags;
  return Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string') : [];
}
