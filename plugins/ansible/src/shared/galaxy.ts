import { readFile } from 'node:fs/promises';

/** Which installs a requirements file asks for (Packer: roles unless it has only collections). */
export async function galaxyKinds(file: string): Promise<{ roles: boolean; collections: boolean }> {
  const text = await readFile(file, 'utf8');
  const roles = /^roles:/m.test(text);
  const collections = /^collections:/m.test(text);
  return { roles: roles || !collections, collections };
}
