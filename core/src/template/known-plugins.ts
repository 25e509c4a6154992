/**
 * The HashiCorp-maintained plugins Packer 1.16 knows by component type: a
 * builder, provisioner or post-processor whose type starts with one of these
 * prefixes (`virtualbox-iso`, `vmware-vmx`, `ansible-local`, `vagrant-cloud`)
 * comes from that plugin. Packer's `hcl2_upgrade` writes `required_plugins`
 * from this table; error messages use it to say which plugin a component
 * needs.
 */
export const KNOWN_PLUGINS: Readonly<Record<string, string>> = {
  amazon: 'github.com/hashicorp/amazon',
  ansible: 'github.com/hashicorp/ansible',
  azure: 'github.com/hashicorp/azure',
  docker: 'github.com/hashicorp/docker',
  googlecompute: 'github.com/hashicorp/googlecompute',
  qemu: 'github.com/hashicorp/qemu',
  vagrant: 'github.com/hashicorp/vagrant',
  virtualbox: 'github.com/hashicorp/virtualbox',
  vmware: 'github.com/hashicorp/vmware',
  vsphere: 'github.com/hashicorp/vsphere',
};

/** A known plugin: its local name in `required_plugins` and its source. */
export interface KnownPlugin {
  name: string;
  source: string;
}

/** The known plugin a component type (`virtualbox-iso`) comes from, or undefined. */
export function knownPluginFor(componentType: string): KnownPlugin | undefined {
  for (const [name, source] of Object.entries(KNOWN_PLUGINS)) {
    if (componentType.startsWith(name)) return { name, source };
  }
  return undefined;
}
