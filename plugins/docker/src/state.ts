import type { BuildContext, CacheableMachine, Hook } from '@kiln/plugin-sdk';
import type { DockerCommunicator } from './communicator/docker-communicator.js';
import type { DockerBuilderConfig } from './config.js';
import type { DockerDriver, ImageInfo } from './driver.js';
import type { Reaper } from './reaper.js';

/** The docker builder's typed state, passed from step to step. */
export interface DockerBuildState {
  readonly config: DockerBuilderConfig;
  readonly build: BuildContext;
  readonly driver: DockerDriver;
  readonly hook: Hook;
  readonly reaper: Reaper;
  /** Host directory shared with the container at config.containerDir. */
  tempDir?: string;
  baseImage?: ImageInfo;
  /** kiln build -cache: the step cache image the container starts from, and its key. */
  startImage?: string;
  restoredKey?: string;
  /**
   * Every provisioner was restored from the step cache: the container is
   * created from the entry but never started (nothing runs in it), and the
   * build goes on to commit or export it.
   */
  idle?: boolean;
  /** kiln build -cache: the container as a machine the provision hook can save. */
  machine?: CacheableMachine;
  containerId?: string;
  containerIp?: string;
  communicator?: DockerCommunicator;
  /** Set by commit. */
  imageId?: string;
  /** Set by export. */
  exportedPath?: string;
  generatedData: Record<string, unknown>;
}
