import type { Artifact } from '@kiln/plugin-sdk';

/** The builder's generated data carried in an artifact's state ("generated_data"), or {}. */
export function generatedDataOf(artifact: Artifact): Record<string, unknown> {
  const g = artifact.state?.generated_data;
  return typeof g === 'object' && g !== null && !Array.isArray(g)
    ? { ...(g as Record<string, unknown>) }
    : {};
}
