import type { Artifact, ConfigSchema, PostProcessor } from '@kiln/plugin-sdk';
import { ConfigError, Diagnostics, decodeConfig } from '@kiln/plugin-sdk';
import { IMPORT_ID, imageArtifact, TAG_ID, tagsOf } from '../artifact.js';
import { DockerodeDriver } from '../dockerode-driver.js';
import type { DockerDriver } from '../driver.js';
import { registryAuth } from '../login.js';
import { transferProgress } from '../transfer-progress.js';

const schema: ConfigSchema = {
  description: 'Pushes every tag of a docker artifact to its registry.',
  attributes: {
    login: { type: 'bool', default: false, description: 'Log in to the registry first.' },
    login_server: { type: 'string', description: 'The registry to log in to.' },
    login_username: { type: 'string', description: 'The registry user name.' },
    login_password: { type: 'string', sensitive: true, description: 'The registry password.' },
    keep_input_artifact: { type: 'bool', description: 'Keep the input artifact.' },
    ecr_login: { type: 'bool', default: false, description: 'Log in to Amazon ECR (not supported).' },
    aws_access_key: { type: 'string', description: 'ECR login: access key (not supported).' },
    aws_secret_key: {
      type: 'string',
      sensitive: true,
      description: 'ECR login: secret key (not supported).',
    },
    aws_token: { type: 'string', sensitive: true, description: 'ECR login: session token (not supported).' },
    aws_profile: { type: 'string', description: 'ECR login: profile (not supported).' },
  },
};

/** The `docker-push` post-processor; the output records each pushed digest. */
export function dockerPush(driverOf: () => DockerDriver = () => new DockerodeDriver()): PostProcessor {
  return {
    schema,
    description: schema.description ?? '',
    async configure(raw) {
      const diags = new Diagnostics();
      const { value, diagnostics } = decodeConfig(schema, raw);
      diags.items.push(...diagnostics);
      const login = {
        login: value.login === true,
        ...(value.login_server ? { loginServer: String(value.login_server) } : {}),
        ...(value.login_username ? { loginUsername: String(value.login_username) } : {}),
        ...(value.login_password ? { loginPassword: String(value.login_password) } : {}),
      };
      if (login.login && !login.loginUsername)
        diags.error('"login_username" is required with login = true', ['login_username']);
      if (login.login && !login.loginPassword)
        diags.error('"login_password" is required with login = true', ['login_password']);
      if (value.ecr_login === true) {
        diags.error(
          'ecr_login is not supported yet',
          ['ecr_login'],
          'Use login with login_server, login_username and login_password.',
        );
      }
      diags.throwIfErrors();
      return {
        async postProcess({ ui, signal }, artifact: Artifact) {
          if (artifact.builderId !== IMPORT_ID && artifact.builderId !== TAG_ID) {
            throw new ConfigError([
              {
                severity: 'error',
                summary: `Unknown artifact type: ${artifact.builderId}\nCan only push from docker-import and docker-tag artifacts.`,
              },
            ]);
          }
          const refs = tagsOf(artifact);
          if (refs.length === 0) refs.push(artifact.id);
          if (refs.some((r) => r.startsWith('sha256:'))) {
            throw new Error(
              `The image ${artifact.id} has no repository to push to: add a docker-tag post-processor before docker-push.`,
            );
          }
          const driver = driverOf();
          const digests: Record<string, string> = {};
          for (const ref of refs) {
            ui.message(`Pushing: ${ref}`);
            const progress = transferProgress(ui, `push:${ref}`, `Pushing ${ref}`);
            const auth = registryAuth(login, ref);
            const digest = await driver.push(ref, {
              ...(auth ? { auth } : {}),
              signal,
              onEvent: progress.onEvent,
            });
            progress.done();
            if (digest) digests[ref] = digest;
          }
          const last = refs.at(-1)!;
          const state: Record<string, unknown> = { ...artifact.state, docker_tags: refs, digests };
          if (digests[last]) state.digest = digests[last];
          return {
            artifact: imageArtifact(IMPORT_ID, last, state, 'docker-push', 'post-processor'),
            keep: true,
            forceOverride: false,
          };
        },
      };
    },
  };
}
