/**
 * @kiln/plugin-ansible: the ansible provisioner (ansible-playbook on this
 * machine, against the build's machine through a local SSH proxy or straight
 * to its SSH server) and the ansible-local provisioner (ansible-playbook
 * inside the machine), usable in-process or served as a plugin (dist/main.js).
 */
export { type AnsibleConfig, ansibleSchema, prepareAnsibleConfig } from './ansible/config.js';
export { ansibleProvisioner } from './ansible/provisioner.js';
export {
  type AnsibleLocalConfig,
  ansibleLocalSchema,
  prepareAnsibleLocalConfig,
} from './ansible-local/config.js';
export { ansibleLocalProvisioner } from './ansible-local/provisioner.js';
export { ansibleComponents } from './components.js';
export { SshProxy, type SshProxyOptions } from './proxy/ssh-proxy.js';
