/**
 * Renders the small Go-template subset Packer leaves to components at run
 * time, e.g. execute_command's `{{.Vars}} {{.Path}}` or checksum's output
 * `packer_{{.BuildName}}_{{.ChecksumType}}.checksum`: only `{{ .Name }}`
 * field references. An unknown field is an error naming the known ones.
 */
export function renderGoTemplate(text: string, data: Record<string, unknown>): string {
  return text.replace(/\{\{-?\s*\.([A-Za-z_][A-Za-z0-9_]*)\s*-?\}\}/g, (_m, name: string) => {
    if (!(name in data)) {
      const known = Object.keys(data)
        .map((k) => `{{.${k}}}`)
        .join(', ');
      throw new Error(
        `unknown template variable {{.${name}}} in ${JSON.stringify(text)}; available: ${known}`,
      );
    }
    const v = data[name];
    return v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  });
}

/** Checks that every `{{ .Name }}` in `text` is one of `names` (for prepare-time validation). */
export function unknownTemplateFields(text: string, names: readonly string[]): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\{\{-?\s*\.([A-Za-z_][A-Za-z0-9_]*)\s*-?\}\}/g)) {
    if (!names.includes(m[1]!)) out.push(m[1]!);
  }
  return out;
}
