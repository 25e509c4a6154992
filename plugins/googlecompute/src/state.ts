import type { BuildContext, Communicator, Hook } from '@kiln/plugin-sdk';
import type { GceConfig } from './config.js';
import type { ComputeDriver, Image, Instance } from './driver.js';

/** The label every resource a build creates carries: the run id (what `kiln cleanup` looks for). */
export const RUN_LABEL = 'kiln-run';
/** The label of the build (its name, cleaned to a label value). */
export const BUILD_LABEL = 'kiln-build';
/** Carried by an image until its build finished with it. */
export const INCOMPLETE_LABEL = 'kiln-incomplete';

/** The googlecompute builder's typed state, passed from step to step. */
export interface GceState {
  readonly config: GceConfig;
  readonly build: BuildContext;
  readonly hook: Hook;
  readonly gce: ComputeDriver;
  /** A timestamp for {{timestamp}}, fixed for the build. */
  readonly startedAt: Date;
  sourceImage?: Image;
  /** The project the source image was found in. */
  sourceImageProject?: string;
  /** "user:ssh-ed25519 AAAA... comment" for the ssh-keys metadata entry. */
  sshKeysEntry?: string;
  privateKey?: string;
  instanceName?: string;
  diskName?: string;
  instance?: Instance;
  sshHost?: string;
  communicator?: Communicator;
  imageName?: string;
  image?: Image;
  /** Set when the image is finished and stays. */
  completed?: boolean;
  generatedData: Record<string, unknown>;
}

/** A label value: lower-case letters, digits, "-" and "_", at most 63 characters. */
export function labelValue(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '-')
    .slice(0, 63);
}

/** The labels that mark a resource as made by this run. */
export function runLabels(state: Pick<GceState, 'build'>): Record<string, string> {
  return { [RUN_LABEL]: labelValue(state.build.runId), [BUILD_LABEL]: labelValue(state.build.buildName) };
}

/** The filter of list calls that finds this build's resources. */
export function runFilter(state: Pick<GceState, 'build'>): string {
  const l = runLabels(state);
  return `(labels.${RUN_LABEL} = "${l[RUN_LABEL]}") AND (labels.${BUILD_LABEL} = "${l[BUILD_LABEL]}")`;
}
