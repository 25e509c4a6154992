/**
 * One constraint as hashicorp/go-version parses it: an optional operator,
 * then a version (`v` prefix, any number of dot-separated numbers,
 * pre-release and metadata).
 */
const SINGLE =
  /^\s*(<=|>=|!=|~>|<|>|=|)\s*(v?([0-9]+(\.[0-9]+)*?)(-([0-9]+[0-9A-Za-z\-~]*(\.[0-9A-Za-z\-~]+)*)|(-?([A-Za-z\-~]+[0-9A-Za-z\-~]*(\.[0-9A-Za-z\-~]+)*)))?(\+([0-9A-Za-z\-~]+(\.[0-9A-Za-z\-~]+)*))?)\s*$/;

/** Why a Packer version constraint (">= 1.0, != 1.3.1") is not valid, or undefined when it is. */
export function constraintProblem(
  constraint: string,
): { malformed?: string; prerelease?: boolean } | undefined {
  let prerelease = false;
  for (const single of constraint.split(',')) {
    const m = SINGLE.exec(single);
    if (!m) return { malformed: single };
    if (m[5] !== undefined || m[8] !== undefined) prerelease = true;
  }
  return prerelease ? { prerelease } : undefined;
}
