import { UserError } from './user-error.js';

/**
 * -debug waits for Enter and -on-error=ask asks a question: both need a
 * terminal on stdin and Kiln's human output. Refused before anything runs
 * otherwise, rather than failing at the first pause.
 */
export function requireTerminalFor(
  flags: { debug: boolean; 'on-error': string; output?: string | undefined; 'machine-readable': boolean },
  stdinIsTerminal = process.stdin.isTTY === true,
): void {
  const needs = [
    ...(flags.debug ? ['-debug'] : []),
    ...(flags['on-error'] === 'ask' ? ['-on-error=ask'] : []),
  ];
  if (!needs.length) return;
  const what = needs.join(' and ');
  if (flags['machine-readable'] || (flags.output && flags.output !== 'human'))
    throw new UserError(`${what} cannot ask for input with machine-readable or JSON output`, {
      suggestions: ['Use the human output (the default) on a terminal.'],
    });
  if (!stdinIsTerminal)
    throw new UserError(`${what} needs a terminal to answer on, and stdin is not a terminal`, {
      suggestions: [
        'Run kiln build in a terminal,',
        'or use -on-error=abort to keep what a failed build made (kiln cleanup removes it later).',
      ],
    });
}
