import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Packer's inventory line for Ansible 2 and later. */
export const DEFAULT_INVENTORY_TEMPLATE =
  '{{ .HostAlias }} ansible_host={{ .Host }} ansible_user={{ .User }} ansible_port={{ .Port }}\n';

/** Fills `{{ .Name }}` fields of an inventory_file_template (Go template fields only). */
export function renderInventoryLine(template: string, data: Record<string, unknown>): string {
  return template.replace(/\{\{-?\s*\.([A-Za-z_][A-Za-z0-9_]*)\s*-?\}\}/g, (_, name: string) => {
    const v = data[name];
    return v === undefined || v === null ? '' : String(v);
  });
}

/** The inventory text: the host line, once ungrouped and once per group, then the empty groups. */
export function inventoryText(line: string, groups: string[], emptyGroups: string[]): string {
  let text = line;
  for (const g of groups) text += `[${g}]\n${line}`;
  for (const g of emptyGroups) text += `[${g}]\n`;
  return text;
}

/**
 * Writes the generated inventory into `directory` (inventory_directory) or
 * a fresh directory under the system's temporary directory; returns its path
 * and what to remove afterwards.
 */
export async function writeInventory(
  text: string,
  directory?: string,
): Promise<{ path: string; remove: string }> {
  if (directory) {
    const path = join(directory, `kiln-provisioner-ansible-${process.pid}-${Date.now().toString(36)}`);
    await writeFile(path, text, { mode: 0o600, flag: 'wx' });
    return { path, remove: path };
  }
  const dir = await mkdtemp(join(tmpdir(), 'kiln-ansible-inventory-'));
  const path = join(dir, 'inventory');
  await writeFile(path, text, { mode: 0o600 });
  return { path, remove: dir };
}
