/**
 * Renders the `{{ .Name }}` placeholders Packer's qemu builder fills in at run
 * time (boot_command, qemuargs). Anything else in braces is an error.
 */
export function renderTemplate(text: string, data: Record<string, unknown>): string {
  return text.replace(/\{\{\s*([^}]*?)\s*\}\}/g, (whole, expr: string) => {
    const m = /^\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(expr);
    if (!m) throw new Error(`cannot render "${whole}": only {{ .Name }} placeholders are known here`);
    if (!(m[1]! in data)) {
      throw new Error(
        `unknown placeholder "${whole}" (known: ${Object.keys(data)
          .map((k) => `.${k}`)
          .join(', ')})`,
      );
    }
    return String(data[m[1]!]);
  });
}
