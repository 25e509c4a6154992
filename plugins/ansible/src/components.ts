import type { ComponentSet } from '@kiln/plugin-sdk';
import { ansibleProvisioner } from './ansible/provisioner.js';
import { ansibleLocalProvisioner } from './ansible-local/provisioner.js';

/** Every component this plugin serves, by type name. */
export function ansibleComponents(): ComponentSet {
  return {
    provisioners: {
      ansible: ansibleProvisioner(),
      'ansible-local': ansibleLocalProvisioner(),
    },
  };
}
