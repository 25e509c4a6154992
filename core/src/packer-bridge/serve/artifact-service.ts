import type { Artifact } from '@kiln/plugin-sdk';
import type { RpcService } from '../rpc/msgpack-rpc.js';
import { artifactState } from './remote-artifact.js';

/**
 * A Kiln artifact served as Packer's `Artifact` to a Packer post-processor.
 * `Destroy` is refused: in Kiln the build runner destroys input artifacts
 * through the component that made them (keep_input_artifact).
 */
export function artifactService(artifact: Artifact): RpcService {
  return {
    BuilderId: () => artifact.builderId,
    Id: () => artifact.id,
    Files: () => artifact.files,
    String: () => artifact.description,
    State: (name) => artifactState(artifact, String(name ?? '')),
    Destroy: () => {
      throw new Error('Kiln destroys input artifacts itself (keep_input_artifact); a post-processor cannot');
    },
  };
}
