import type { ComponentKind, ConfigSchema } from '@kiln/plugin-sdk';
import type { SchemaProvider } from '../../config/model.js';

const schemas: Record<string, ConfigSchema> = {
  'builder/docker': {
    attributes: {
      image: { type: 'string', required: true },
      commit: { type: 'bool' },
      author: { type: 'string' },
      changes: { type: 'list(string)' },
      pull: { type: 'bool' },
      discard: { type: 'bool' },
      run_command: { type: 'list(string)' },
    },
  },
  'builder/null': { attributes: { communicator: { type: 'string' } } },
  'provisioner/shell': {
    attributes: {
      inline: { type: 'list(string)' },
      script: { type: 'string' },
      environment_vars: { type: 'list(string)' },
    },
  },
  'post-processor/docker-tag': {
    attributes: {
      repository: { type: 'string', required: true },
      tag: { type: 'list(string)' },
      force: { type: 'bool' },
    },
  },
  'post-processor/docker-push': { attributes: { login: { type: 'bool' } } },
};

/** A small SchemaProvider for template tests: docker, null, shell, docker-tag, docker-push. */
export const fixtureSchemas: SchemaProvider = {
  async schemaFor(kind: ComponentKind, type: string) {
    return schemas[`${kind}/${type}`];
  },
};

/** Load options with nothing set. */
export function noOptions() {
  return {
    vars: [] as [string, string][],
    varFiles: [] as string[],
    only: [] as string[],
    except: [] as string[],
    env: {},
  };
}
