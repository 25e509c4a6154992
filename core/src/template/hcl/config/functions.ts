import { collectionFunctions } from '../../functions/collections.js';
import { cryptoFunctions } from '../../functions/crypto.js';
import { encodingFunctions } from '../../functions/encoding.js';
import { formatFunctions } from '../../functions/format.js';
import { numericFunctions } from '../../functions/numeric.js';
import { regexFunctions } from '../../functions/regex.js';
import { setFunctions } from '../../functions/sets.js';
import type { FunctionDef, FunctionTable } from '../../functions/spec.js';
import { stringFunctions } from '../../functions/strings.js';

/** The HCL functions configuration expressions can call. */
export function configFunctions(): FunctionTable {
  const all: Record<string, FunctionDef> = {
    ...collectionFunctions,
    ...cryptoFunctions,
    ...encodingFunctions,
    ...formatFunctions,
    ...numericFunctions,
    ...regexFunctions,
    ...setFunctions,
    ...stringFunctions,
  };
  return new Map(Object.entries(all));
}
