import type { RequiredPlugin } from '../config/model.js';
import { packerConstraint, type VersionConstraint } from './constraint.js';
import { packageForSource } from './source.js';

/** A required_plugins entry with its npm package and semver range worked out. */
export interface PluginRequirement {
  /** The local name (key in required_plugins). */
  localName: string;
  source: string;
  packageName: string;
  constraint: VersionConstraint;
  /** "file:line:column: " of the entry, or "" when unknown. */
  at: string;
}

/** Translates required_plugins; problems are collected, each naming the entry's position. */
export function pluginRequirements(required: RequiredPlugin[]): {
  requirements: PluginRequirement[];
  errors: string[];
} {
  const requirements: PluginRequirement[] = [];
  const errors: string[] = [];
  for (const r of required) {
    const at = r.range ? `${r.range.filename}:${r.range.start.line}:${r.range.start.column}: ` : '';
    try {
      requirements.push({
        localName: r.name,
        source: r.source,
        packageName: packageForSource(r.source),
        constraint: packerConstraint(r.version ?? ''),
        at,
      });
    } catch (error) {
      errors.push(`${at}required plugin "${r.name}": ${(error as Error).message}`);
    }
  }
  return { requirements, errors };
}
