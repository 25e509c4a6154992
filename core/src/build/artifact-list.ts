import type { Artifact } from '@kiln/plugin-sdk';

/** Two artifacts are the same when they are the same object or have the same kind, id and files. */
export function sameArtifact(a: Artifact, b: Artifact): boolean {
  return (
    a === b || (a.builderId === b.builderId && a.id === b.id && a.files.join('\0') === b.files.join('\0'))
  );
}

/** An ordered list of a build's artifacts without duplicates (Packer lists some twice). */
export class ArtifactList {
  readonly items: Artifact[] = [];

  add(artifact: Artifact): void {
    if (!this.has(artifact)) this.items.push(artifact);
  }

  has(artifact: Artifact): boolean {
    return this.items.some((a) => sameArtifact(a, artifact));
  }
}
