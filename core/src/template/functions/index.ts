/** Packer's HCL2 function library. */

import { bcryptFunction } from './bcrypt.js';
import { collectionFunctions } from './collections.js';
import { moreCollectionFunctions } from './collections-more.js';
import { conversionFunctions } from './conversion.js';
import { cryptoFunctions } from './crypto.js';
import { datetimeFunctions } from './datetime.js';
import { encodingFunctions } from './encoding.js';
import { envFunction } from './env.js';
import { fileHashFunctions } from './file-hashes.js';
import { fileFunctions } from './filesystem.js';
import { formatFunctions } from './format.js';
import { networkFunctions } from './network.js';
import { numericFunctions } from './numeric.js';
import { parseTimeFunctions } from './parse-time.js';
import { regexFunctions } from './regex.js';
import { rsaDecrypt } from './rsa-decrypt.js';
import { setFunctions } from './sets.js';
import type { FunctionDef, FunctionTable } from './spec.js';
import { stringFunctions } from './strings.js';
import { templateFileFunction } from './template-file.js';
import { textEncodingFunctions } from './text-encoding.js';
import { unsupportedFunctions } from './unsupported.js';
import { uuidV5 } from './uuid-v5.js';

export * from './spec.js';

/** What a function table depends on. */
export interface PackerFunctionOptions {
  /**
   * file, fileexists, fileset and templatefile join relative paths to this:
   * the configuration's directory, or '' for the working directory (Packer's
   * variable defaults). abspath and filebase64 always use the working directory.
   */
  baseDir: string;
  /** The process environment, for env(). */
  env?: Record<string, string | undefined>;
  /** env() works only where Packer allows it (variable defaults); elsewhere it fails with a clear message. */
  allowEnv?: boolean;
}

/**
 * Packer's HCL2 functions. Build one table per evaluation context, e.g.
 * `packerFunctions({ baseDir, env, allowEnv: true })` for variable defaults
 * and `allowEnv: false` everywhere else.
 */
export function packerFunctions(opts: PackerFunctionOptions): FunctionTable {
  const table = new Map<string, FunctionDef>();
  const add = (fs: Record<string, FunctionDef>) => {
    for (const [k, f] of Object.entries(fs)) table.set(k, f);
  };
  add(stringFunctions);
  add(formatFunctions);
  add(regexFunctions);
  add(collectionFunctions);
  add(moreCollectionFunctions);
  add(setFunctions);
  add(numericFunctions);
  add(encodingFunctions);
  add(cryptoFunctions);
  add(datetimeFunctions);
  add(networkFunctions);
  add(conversionFunctions);
  add(fileFunctions({ baseDir: opts.baseDir }));
  add(fileHashFunctions);
  add(parseTimeFunctions);
  add(textEncodingFunctions);
  add(unsupportedFunctions(opts.env ?? {}));
  table.set('uuidv5', uuidV5);
  table.set('bcrypt', bcryptFunction);
  table.set('rsadecrypt', rsaDecrypt);
  table.set('env', envFunction(opts.env ?? {}, opts.allowEnv ?? false));
  table.set(
    'templatefile',
    templateFileFunction(opts.baseDir, () => table),
  );
  return table;
}
