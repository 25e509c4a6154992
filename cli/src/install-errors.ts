import { UserError } from './user-error.js';

/** Plugin install and lock problems are the user's to fix: shown without a stack trace. */
export function asUserError(error: unknown): unknown {
  const name = (error as Error)?.name;
  if (name === 'PluginInstallError' || name === 'LockedPluginError')
    return new UserError((error as Error).message, { cause: error });
  return error;
}
