import type { BuildPlan } from '../config/model.js';

/** The names a build answers to in only/except/override: its name and its source's names. */
export function buildNames(plan: BuildPlan): string[] {
  return [
    plan.name,
    `${plan.sourceType}.${plan.sourceName}`,
    `source.${plan.sourceType}.${plan.sourceName}`,
    plan.sourceName,
  ];
}

/** Whether a provisioner or post-processor with these only/except lists runs in the build. */
export function appliesTo(plan: BuildPlan, only: string[], except: string[]): boolean {
  const names = buildNames(plan);
  if (only.length > 0 && !only.some((n) => names.includes(n))) return false;
  return !except.some((n) => names.includes(n));
}

/** The override block for this build, if any. */
export function overrideFor(
  plan: BuildPlan,
  override: Record<string, Record<string, unknown>>,
): Record<string, unknown> {
  for (const n of buildNames(plan)) {
    const o = override[n];
    if (o) return o;
  }
  return {};
}
