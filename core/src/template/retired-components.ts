import type { ComponentKind } from '@kiln/plugin-sdk';

/** A component type Packer once had whose service is gone, and what to use instead. */
export interface RetiredComponent {
  kind: ComponentKind;
  type: string;
  /** Why it cannot run, as one sentence. */
  reason: string;
  /** What to use instead, as one sentence. */
  replacement: string;
}

const RETIRED: readonly RetiredComponent[] = [
  {
    kind: 'post-processor',
    type: 'atlas',
    reason:
      'Atlas, the HashiCorp service this post-processor uploaded artifacts to, was retired, and Packer removed the post-processor with it.',
    replacement:
      'To record what a build made, use the "manifest" post-processor (built in): it writes each artifact\'s builder, id and files to a JSON file; remove the "atlas" block.',
  },
];

/** The retired component of that kind and type, or undefined. */
export function retiredComponent(kind: ComponentKind, type: string): RetiredComponent | undefined {
  return RETIRED.find((r) => r.kind === kind && r.type === type);
}
