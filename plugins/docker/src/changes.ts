import type { Diagnostics } from '@kiln/plugin-sdk';

/** The Dockerfile instructions the engine applies at commit and import. */
export const CHANGE_INSTRUCTIONS = [
  'CMD',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'LABEL',
  'ONBUILD',
  'USER',
  'VOLUME',
  'WORKDIR',
] as const;

/** The instruction of one `changes` line, upper-cased ("" when the line is blank). */
export function instructionOf(line: string): string {
  return (line.trim().split(/\s+/, 1)[0] ?? '').toUpperCase();
}

/** Checks every `changes` line and reports each bad one at its index. */
export function checkChanges(changes: string[], path: string, diags: Diagnostics): void {
  changes.forEach((line, i) => {
    const instruction = instructionOf(line);
    const rest = line.trim().slice(instruction.length).trim();
    if (!instruction) {
      diags.error(`changes[${i}] is empty`, [path, i], `Each line is one instruction, e.g. "ENV FOO=bar".`);
      return;
    }
    if (!(CHANGE_INSTRUCTIONS as readonly string[]).includes(instruction)) {
      diags.error(
        `changes[${i}]: unsupported instruction "${instruction}"`,
        [path, i],
        `Supported: ${CHANGE_INSTRUCTIONS.join(', ')}.`,
      );
      return;
    }
    if (!rest) {
      diags.error(`changes[${i}]: ${instruction} needs an argument`, [path, i]);
      return;
    }
    if (rest.startsWith('[')) {
      try {
        const parsed: unknown = JSON.parse(rest);
        if (!Array.isArray(parsed) || parsed.some((x) => typeof x !== 'string')) throw new Error();
      } catch {
        if (instruction === 'CMD' || instruction === 'ENTRYPOINT' || instruction === 'VOLUME') {
          diags.error(
            `changes[${i}]: ${instruction} has a malformed JSON array`,
            [path, i],
            `Write it as ${instruction} ["a", "b"], or without brackets for the shell form.`,
          );
        }
      }
    }
    if (
      (instruction === 'ENV' || instruction === 'LABEL') &&
      !rest.includes('=') &&
      rest.split(/\s+/).length < 2
    ) {
      diags.error(`changes[${i}]: ${instruction} needs KEY=value`, [path, i]);
    }
    if (
      instruction === 'EXPOSE' &&
      !rest.split(/\s+/).every((p) => /^\d+(-\d+)?(\/(tcp|udp|sctp))?$/i.test(p))
    ) {
      diags.error(`changes[${i}]: EXPOSE takes ports like 80 or 53/udp`, [path, i]);
    }
    if (instruction === 'ONBUILD' && ['ONBUILD', 'FROM', 'MAINTAINER'].includes(instructionOf(rest))) {
      diags.error(`changes[${i}]: ONBUILD cannot trigger ${instructionOf(rest)}`, [path, i]);
    }
  });
}

/** Whether any line sets the given instruction. */
export function setsInstruction(changes: string[], instruction: string): boolean {
  return changes.some((line) => instructionOf(line) === instruction);
}
