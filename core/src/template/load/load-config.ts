import { readFileSync, statSync } from 'node:fs';
import picomatch from 'picomatch';
import type { BuildPlan, LoadedConfig, LoadOptions, SchemaProvider } from '../../config/model.js';
import { type TemplateDiagnostic, TemplateError } from '../../config/source-range.js';
import { sourceCache } from '../../diagnostics/source-cache.js';
import { loadHclConfig } from '../hcl/config/load-hcl.js';
import { loadLegacyTemplate } from '../legacy/load-legacy.js';
import { filterBuildNames } from './filter-builds.js';
import {
  checkComponentSchemas,
  componentsOf,
  dedupeDiagnostics,
  evaluateComponents,
} from './schema-check.js';
import { processSensitiveValues, SensitiveValues } from './sensitive.js';

/** The Packer version Kiln's template language corresponds to (packer.version, {{packer_version}}). */
export const TEMPLATE_LANGUAGE_VERSION = '1.16.0';

/** Which template format a path holds. */
export function detectFormat(path: string): 'json' | 'hcl' {
  let isDir = false;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    return path.endsWith('.json') && !path.endsWith('.pkr.json') ? 'json' : 'hcl';
  }
  if (isDir) return 'hcl';
  if (path.endsWith('.pkr.hcl') || path.endsWith('.pkr.json') || path.endsWith('.hcl')) return 'hcl';
  return 'json';
}

/**
 * Loads a template (a legacy JSON file, an HCL2 file or a directory of them)
 * with -var, -var-file and the environment applied, -only/-except filtered.
 * Unless `syntaxOnly`, every component body is evaluated and decoded against
 * its schema. Throws TemplateError carrying every error found; warnings are
 * returned in `warnings`.
 */
export async function loadConfig(
  path: string,
  options: LoadOptions,
  schemas?: SchemaProvider,
): Promise<LoadedConfig> {
  const sensitive = new SensitiveValues(processSensitiveValues);
  const version = options.version ?? TEMPLATE_LANGUAGE_VERSION;
  const initTime = new Date();
  const diags: TemplateDiagnostic[] = [];
  let config: LoadedConfig;
  if (detectFormat(path) === 'json') {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      throw new TemplateError([
        {
          severity: 'error',
          summary: `Failed to read template file ${path}`,
          detail: `${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'The file does not exist.' : (e as Error).message} Give the path of a template file or of a directory of .pkr.hcl files.`,
        },
      ]);
    }
    sourceCache.set(path, text);
    const r = loadLegacyTemplate({ file: path, text, options, sensitive, version, initTime });
    config = r.config;
    diags.push(...r.diagnostics);
  } else {
    const r = await loadHclConfig({ path, options, sensitive, version, initTime });
    config = r.config;
    diags.push(...(options.partial && r.readErrors === 0 ? r.diagnostics.filter(isWarning) : r.diagnostics));
  }
  if (!diags.some((d) => d.severity === 'error')) {
    config.builds = applyFilters(config.builds, options, diags);
    if (!options.syntaxOnly) {
      const components = [...componentsOf(config.builds), ...(config.dataSources ?? [])];
      if (schemas)
        await checkComponentSchemas(
          components,
          schemas,
          diags,
          options.describeAvailable,
          (v) => sensitive.add(v),
          config.format === 'hcl',
        );
      else evaluateComponents(components, diags);
    }
  }
  const all = dedupeDiagnostics([...config.warnings, ...diags]);
  if (all.some((d) => d.severity === 'error')) throw new TemplateError(all);
  config.warnings = all;
  config.maskSensitive = (text) => sensitive.mask(text);
  return config;
}

const isWarning = (d: TemplateDiagnostic) => d.severity !== 'error';

function applyFilters(builds: BuildPlan[], options: LoadOptions, diags: TemplateDiagnostic[]): BuildPlan[] {
  if (options.only.length === 0 && options.except.length === 0) return builds;
  const names = builds.map((b) => b.name);
  const { postProcessorPatterns, buildPatterns } = splitExcept(builds, options.except);
  const { selected, diagnostics } = filterBuildNames(names, options.only, buildPatterns);
  diags.push(...diagnostics);
  const skip = postProcessorPatterns.map((p) => picomatch(p, { dot: true }));
  return builds
    .filter((b) => selected.has(b.name))
    .map((b) =>
      skip.length === 0
        ? b
        : {
            ...b,
            postProcessors: b.postProcessors
              .map((chain) => chain.filter((pp) => !skip.some((m) => m(pp.displayName))))
              .filter((chain) => chain.length > 0),
          },
    );
}

/**
 * `-except` also names post-processors (by name, or type when unnamed), as
 * Packer's does: patterns that match no build but a post-processor skip it.
 */
function splitExcept(
  builds: BuildPlan[],
  except: string[],
): { postProcessorPatterns: string[]; buildPatterns: string[] } {
  const ppNames = new Set(builds.flatMap((b) => b.postProcessors.flat().map((p) => p.displayName)));
  const postProcessorPatterns: string[] = [];
  const buildPatterns: string[] = [];
  for (const p of except) {
    const m = picomatch(p, { dot: true });
    const hitsBuild = builds.some((b) => m(b.name) || m(`${b.sourceType}.${b.sourceName}`));
    if (!hitsBuild && [...ppNames].some((n) => m(n))) postProcessorPatterns.push(p);
    else buildPatterns.push(p);
  }
  return { postProcessorPatterns, buildPatterns };
}
