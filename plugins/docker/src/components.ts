import type { ComponentSet } from '@kiln/plugin-sdk';
import { dockerBuilder } from './builder.js';
import { dockerLeftovers } from './leftover-finder.js';
import { dockerImport } from './post-processors/docker-import.js';
import { dockerPush } from './post-processors/docker-push.js';
import { dockerSave } from './post-processors/docker-save.js';
import { dockerTag } from './post-processors/docker-tag.js';
import { dockerStepCache } from './step-cache/store.js';

/** Every component this plugin serves, by type name. */
export function dockerComponents(): ComponentSet {
  return {
    builders: { docker: dockerBuilder() },
    postProcessors: {
      'docker-tag': dockerTag(),
      'docker-push': dockerPush(),
      'docker-save': dockerSave(),
      'docker-import': dockerImport(),
    },
    leftovers: dockerLeftovers(),
    stepCache: dockerStepCache(),
  };
}
