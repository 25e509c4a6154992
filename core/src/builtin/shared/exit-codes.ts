/**
 * Packer's check of a script's exit status against `valid_exit_codes`:
 * returns the error to throw, or undefined when the status is allowed.
 */
export function checkExitCode(status: number, valid: readonly number[]): Error | undefined {
  const allowed = valid.length > 0 ? valid : [0];
  if (allowed.includes(status)) return undefined;
  return new Error(
    `Script exited with non-zero exit status: ${status}. Allowed exit codes are: [${allowed.join(' ')}]`,
  );
}
