import type { DockerBuilderConfig } from '../config.js';
import type { DockerDriver } from '../driver.js';
import { registryAuth } from '../login.js';

/**
 * The docker builder's base identity for the step cache: the base image's
 * id (its content digest; pulled first when pull = true, so that a newer
 * image busts the cache) and the settings that shape the container the
 * provisioners run in. What only shapes the final image (commit, changes,
 * author, message, export_path) is left out: changing it re-runs no
 * provisioner. Undefined when the image is not there (the build says why).
 */
export async function dockerCacheBase(
  config: DockerBuilderConfig,
  driver: DockerDriver,
  signal: AbortSignal,
): Promise<string | undefined> {
  if (config.pull) {
    const auth = registryAuth(config, config.image);
    await driver
      .pull(config.image, {
        ...(auth ? { auth } : {}),
        ...(config.platform ? { platform: config.platform } : {}),
        signal,
      })
      .catch(() => undefined);
  }
  const image = await driver.inspectImage(config.image);
  if (!image) return undefined;
  return JSON.stringify({
    image: image.id,
    runCommand: config.runCommand,
    volumes: config.volumes,
    privileged: config.privileged,
    capAdd: config.capAdd,
    capDrop: config.capDrop,
    tmpfs: config.tmpfs,
    device: config.device,
    platform: config.platform ?? '',
    runtime: config.runtime ?? '',
    containerDir: config.containerDir,
    fixUploadOwner: config.fixUploadOwner,
    execUser: config.execUser ?? '',
  });
}
