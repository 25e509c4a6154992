import type { AnsibleConfig } from './config.js';

/** What the command line depends on besides the configuration. */
export interface ArgsInput {
  buildName: string;
  builderType: string;
  httpAddr?: string;
  inventory: string;
  playbook: string;
  /** The private key Ansible logs in with, when Kiln provides one. */
  privateKeyFile?: string;
  /** Ansible connects over SSH (the proxy, or the machine's SSH server). */
  overSsh: boolean;
}

/** Whether `name` appears as a word or the left of a KEY=value among the arguments (Packer's checkArg). */
export function hasArg(name: string, args: readonly string[]): boolean {
  return args.some((a) => a.split('=').includes(name));
}

/** ansible-playbook's arguments, in Packer's order. */
export function playbookArgs(c: AnsibleConfig, i: ArgsInput): string[] {
  const args: string[] = [];
  if (i.buildName) args.push('-e', `packer_build_name=${JSON.stringify(i.buildName)}`);
  args.push('-e', `packer_builder_type=${i.builderType}`);
  if (i.httpAddr) args.push('-e', `packer_http_addr=${i.httpAddr}`);
  if (i.overSsh && i.privateKeyFile) {
    args.push(
      '--ssh-extra-args',
      c.ansibleSshExtraArgs.length ? `'${c.ansibleSshExtraArgs.join("' '")}'` : "'-o IdentitiesOnly=yes'",
    );
  }
  args.push(...c.extraArguments);
  if (!hasArg('ansible_password', args) && i.privateKeyFile)
    args.push('-e', `ansible_ssh_private_key_file=${i.privateKeyFile}`);
  if (hasArg('ansible_password', args) && i.overSsh) {
    if (!hasArg('ansible_host_key_checking', args) && !hasArg('ANSIBLE_HOST_KEY_CHECKING', c.ansibleEnvVars))
      args.push('-e', 'ansible_host_key_checking=False');
  }
  args.push('-i', i.inventory, i.playbook);
  return args;
}

/** The command line as shown to the user: values of *password* and *secret* arguments hidden. */
export function sanitizedCommand(
  argv: readonly string[],
  extraArguments: readonly string[],
  secrets: string[],
): string {
  let shown = argv.join(' ');
  for (const a of extraArguments) {
    const eq = a.indexOf('=');
    if (eq < 0) continue;
    const key = a.slice(0, eq).toLowerCase();
    const value = a.slice(eq + 1);
    if (value && (key.includes('password') || key.includes('secret')))
      shown = shown.replaceAll(value, '*****');
  }
  for (const s of secrets) if (s) shown = shown.replaceAll(s, '*****');
  return shown;
}
