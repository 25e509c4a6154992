/** Escapes one field of a machine-readable line as Packer does. */
export function escapeField(text: string): string {
  return text.replaceAll(',', '%!(PACKER_COMMA)').replaceAll('\r', '\\r').replaceAll('\n', '\\n');
}

/** One `timestamp,target,type,data...` line (with its newline). */
export function machineLine(now: Date, target: string, type: string, data: string[]): string {
  const ts = Math.floor(now.getTime() / 1000);
  return `${[String(ts), escapeField(target), escapeField(type), ...data.map(escapeField)].join(',')}\n`;
}
