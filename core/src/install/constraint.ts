import semver from 'semver';

/** A Packer version constraint translated for npm. */
export interface VersionConstraint {
  /** As written in the template, e.g. ">= 1.0, != 1.3.1". */
  packer: string;
  /** The equivalent semver range, e.g. ">=1.0.0 <1.3.1 || >=1.0.0 >1.3.1". */
  range: string;
}

const PART = /^(=|!=|>=|<=|>|<|~>)?\s*v?(\d+(?:\.\d+){0,2})(-[0-9A-Za-z.-]+)?$/;

/**
 * Translates Packer's (hashicorp/go-version) constraint syntax into a semver
 * range: comma-joined parts, each `=`, `!=`, `>`, `>=`, `<`, `<=` or `~>`
 * followed by a version of one to three segments. `~> 1.2` means
 * `>= 1.2, < 2.0`; `~> 1.2.3` means `>= 1.2.3, < 1.3.0`. An empty
 * constraint accepts any version. Throws on anything else.
 */
export function packerConstraint(text: string): VersionConstraint {
  const conj: string[] = [];
  const excluded: string[] = [];
  for (const raw of text.split(',')) {
    const part = raw.trim();
    if (part === '') {
      if (text.trim() === '') continue;
      throw new Error(`invalid version constraint "${text}": empty part`);
    }
    const m = PART.exec(part);
    if (!m) throw new Error(`invalid version constraint "${text}": cannot read "${part}"`);
    const op = m[1] ?? '=';
    const segs = m[2]!.split('.').map(Number);
    const full = `${segs[0]}.${segs[1] ?? 0}.${segs[2] ?? 0}${m[3] ?? ''}`;
    if (op === '~>') {
      const upper = segs.length === 3 ? `${segs[0]}.${segs[1]! + 1}.0-0` : `${segs[0]! + 1}.0.0-0`;
      conj.push(`>=${full}`, `<${upper}`);
    } else if (op === '!=') excluded.push(full);
    else conj.push(`${op === '=' ? '' : op}${full}`);
  }
  let terms: string[][] = [conj];
  for (const v of excluded)
    terms = terms.flatMap((t) => [
      [...t, `<${v}`],
      [...t, `>${v}`],
    ]);
  const range = terms.map((t) => (t.length ? t.join(' ') : '*')).join(' || ');
  if (semver.validRange(range) === null) throw new Error(`invalid version constraint "${text}"`);
  return { packer: text, range };
}

/** Whether `version` satisfies the constraint (pre-releases only when the constraint names one). */
export function satisfies(version: string, c: VersionConstraint): boolean {
  return semver.satisfies(version, c.range);
}
