import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Artifact } from '@kiln/plugin-sdk';

/** The builder id Packer's qemu builder gives its artifacts (post-processors check it). */
export const BUILDER_ID = 'transcend.qemu';

/** The output directory's files as the artifact. */
export async function vmArtifact(
  outputDir: string,
  vmName: string,
  state: Record<string, unknown>,
): Promise<Artifact> {
  const files = (await readdir(outputDir)).sort().map((f) => join(outputDir, f));
  return {
    builderId: BUILDER_ID,
    id: vmName,
    files,
    description: `VM files in directory: ${outputDir}`,
    state,
    producer: { kind: 'builder', type: 'qemu' },
  };
}
