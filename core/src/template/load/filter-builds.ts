import picomatch from 'picomatch';
import type { TemplateDiagnostic } from '../../config/source-range.js';

/**
 * Applies `-only` / `-except` globs to build names. A pattern that matches no
 * build is an error, so a typo never silently builds nothing or everything.
 */
export function filterBuildNames(
  names: string[],
  only: string[],
  except: string[],
): { selected: Set<string>; diagnostics: TemplateDiagnostic[] } {
  const diagnostics: TemplateDiagnostic[] = [];
  const check = (flag: string, patterns: string[]): ((n: string) => boolean) => {
    const matchers = patterns.map((p) => ({ p, m: buildNameMatcher(p) }));
    for (const { p, m } of matchers) {
      if (!names.some(m)) {
        diagnostics.push({
          severity: 'error',
          summary: `-${flag}=${p} matches no build`,
          detail: `The builds in this template are: ${names.join(', ') || '(none)'}.`,
        });
      }
    }
    return (n) => matchers.some(({ m }) => m(n));
  };
  const inOnly = only.length ? check('only', only) : () => true;
  const inExcept = except.length ? check('except', except) : () => false;
  const selected = new Set(names.filter((n) => inOnly(n) && !inExcept(n)));
  return { selected, diagnostics };
}

/**
 * Whether a build name matches a pattern as -only matches it: a glob, and
 * "docker.ubuntu" also matches "my-build.docker.ubuntu", as Packer does.
 */
export function buildNameMatcher(pattern: string): (name: string) => boolean {
  const m = picomatch(pattern, { dot: true });
  return (name) => m(name) || matchesSource(pattern, name, m);
}

/** "docker.ubuntu" also selects "my-build.docker.ubuntu", as Packer does. */
function matchesSource(pattern: string, name: string, m: (s: string) => boolean): boolean {
  const parts = name.split('.');
  return parts.length === 3 && !pattern.startsWith(`${parts[0]}.`) && m(parts.slice(1).join('.'));
}
