import { didYouMean } from '@kiln/plugin-sdk';
import type { LoadedConfig, LoadOptions } from '../../../config/model.js';
import type { TemplateDiagnostic } from '../../../config/source-range.js';
import type { SensitiveValues } from '../../load/sensitive.js';
import type { Block } from '../syntax/ast.js';
import { initHclParser } from '../syntax/parse.js';
import { labelCountProblem, ROOT_BLOCK_LABELS } from './block-labels.js';
import { summarizeBuilds } from './build-summary.js';
import { planBuilds, type SourceDecl } from './builds.js';
import { declareDataSources } from './data-sources.js';
import { parseFile, readConfigFiles } from './files.js';
import { configFunctions } from './functions.js';
import { declareLocals } from './locals.js';
import { readPackerBlocks } from './packer-block.js';
import { evaluatePrereqs } from './prereqs.js';
import { type ConfigScopeInput, configScope } from './scope.js';
import { declareVariables } from './variable-decl.js';
import { display, variableInfos, variableValues } from './variable-display.js';
import { type Assignment, fileAssignments, resolveVariables } from './variables.js';

/** What the HCL2 loader needs. */
export interface HclLoadInput {
  path: string;
  options: LoadOptions;
  sensitive: SensitiveValues;
  version: string;
  initTime: Date;
}

const TOP_BLOCKS = Object.keys(ROOT_BLOCK_LABELS);

/**
 * Loads an HCL2 configuration (a directory of .pkr.hcl / .pkr.json files, or
 * one file): variables with their precedence (default < PKR_VAR_ <
 * *.auto.pkrvars < -var-file < -var), locals, sources and build blocks.
 */
export async function loadHclConfig(
  input: HclLoadInput,
): Promise<{ config: LoadedConfig; diagnostics: TemplateDiagnostic[]; readErrors: number }> {
  const { options } = input;
  const diags: TemplateDiagnostic[] = [];
  const syntaxOnly = options.syntaxOnly ?? false;
  await initHclParser();
  const files = await readConfigFiles(input.path, diags);
  const config: LoadedConfig = {
    format: 'hcl',
    path: input.path,
    rootDir: files.rootDir,
    files: [...files.config, ...files.autoVars].map((f) => f.filename),
    variables: [],
    requiredPlugins: [],
    sources: [],
    builds: [],
    warnings: [],
  };
  const byType = new Map<string, Block[]>();
  for (const f of files.config) {
    for (const a of f.body.attributes)
      diags.push({
        severity: 'error',
        summary: 'Unsupported argument',
        detail: `An argument named "${a.name}" is not expected at the top level of a configuration file.`,
        range: a.nameRange,
      });
    for (const b of f.body.blocks) {
      if (!TOP_BLOCKS.includes(b.type)) {
        const hint = didYouMean(b.type, TOP_BLOCKS);
        diags.push({
          severity: 'error',
          summary: 'Unsupported block type',
          detail: `Blocks of type "${b.type}" are not expected here.${hint ? ` Did you mean "${hint}"?` : ''}`,
          range: b.typeRange,
        });
        continue;
      }
      const labelProblem = labelCountProblem(b, ROOT_BLOCK_LABELS[b.type]!);
      if (labelProblem) {
        diags.push(labelProblem);
        continue;
      }
      if (b.type === 'hcp_packer_registry')
        config.warnings.push({
          severity: 'warning',
          summary: 'hcp_packer_registry is ignored',
          detail: 'Kiln does not publish to HCP Packer; the block is accepted and ignored.',
          range: b.typeRange,
        });
      const list = byType.get(b.type) ?? [];
      list.push(b);
      byType.set(b.type, list);
    }
  }
  const blocks = (...types: string[]) => types.flatMap((t) => byType.get(t) ?? []).sort(byPosition);
  const functions = configFunctions(options.env, 'config', files.baseDir);
  const varFunctions = {
    defaults: configFunctions(options.env, 'default'),
    validations: configFunctions(options.env, 'validation'),
  };
  const decls = declareVariables(blocks('variable', 'variables'), varFunctions.defaults, diags);
  const assignments: Assignment[] = [];
  for (const [k, v] of Object.entries(options.env)) {
    if (k.startsWith('PKR_VAR_') && v !== undefined)
      assignments.push({
        name: k.slice(8),
        text: v,
        origin: `the environment variable ${k}`,
        fromCommandLine: false,
      });
  }
  for (const f of files.autoVars) assignments.push(...fileAssignments(f, false, diags));
  for (const vf of options.varFiles) {
    // As Packer: the format comes from the name; anything else is refused
    // before the file is read.
    if (!vf.endsWith('.hcl') && !vf.endsWith('.json')) {
      diags.push({
        severity: 'error',
        summary: `Could not guess format of ${vf}`,
        detail: 'A var file must be suffixed with `.hcl` or `.json`.',
      });
      continue;
    }
    const f = await parseFile(vf, diags);
    if (f) {
      config.files.push(f.filename);
      assignments.push(...fileAssignments(f, false, diags));
    }
  }
  for (const [name, text] of options.vars)
    assignments.push({ name, text, origin: `-var ${name}=...`, fromCommandLine: true });
  const vars = resolveVariables(
    decls,
    assignments,
    varFunctions,
    input.sensitive,
    syntaxOnly,
    diags,
    options.warnOnUndeclaredVar,
  );
  config.variables = variableInfos(decls, vars);
  config.userVariables = variableValues(vars);
  let readErrors = diags.filter((d) => d.severity === 'error').length;
  const partial = options.partial ?? false;

  const scopeInput: ConfigScopeInput = {
    vars,
    locals: new Map(),
    rootDir: files.baseDir,
    cwd: process.cwd(),
    version: input.version,
    functions,
    data: { declared: [], outputs: new Map() },
  };
  const dataDecls = declareDataSources(blocks('data'), scopeInput, input.sensitive, diags);
  config.dataSources = dataDecls.map((d) => d.config);
  scopeInput.data = {
    declared: config.dataSources.map((d) => ({ type: d.type, name: d.name })),
    outputs: new Map(),
    ...(partial ? { absentUnlessProvided: true } : {}),
  };
  await evaluatePrereqs(
    {
      locals: declareLocals(blocks('locals', 'local'), diags),
      data: dataDecls,
      scope: scopeInput,
      sensitive: input.sensitive,
      quiet: syntaxOnly,
      drop: partial,
      execute: options.executeDataSource,
      sequential: options.sequential,
    },
    diags,
  );
  config.scope = configScope(scopeInput);
  config.locals = [...scopeInput.locals].map(([name, v]) => ({
    name,
    sensitive: v.isSensitive,
    display: v.isSensitive ? '<sensitive>' : display(v),
  }));
  const packerDiags: TemplateDiagnostic[] = [];
  const packer = readPackerBlocks(
    blocks('packer', 'kiln'),
    configScope(scopeInput),
    input.version,
    packerDiags,
  );
  diags.push(...packerDiags);
  // Packer reads the packer block with the files: its errors stop even a partial load (inspect).
  readErrors += packerDiags.filter((d) => d.severity === 'error').length;
  config.requiredPlugins = packer.plugins;
  if (packer.requiredVersion) config.requiredVersion = packer.requiredVersion;
  if (packer.cache !== undefined) config.cacheDefault = packer.cache;
  if (packer.executor) config.executorDefault = packer.executor;

  const sources = new Map<string, SourceDecl>();
  for (const b of blocks('source')) {
    const [t, n] = b.labels;
    if (!t || !n || b.labels.length !== 2) {
      diags.push({
        severity: 'error',
        summary: 'Invalid source block',
        detail:
          'A source block needs two labels: the builder type and a name, e.g. source "docker" "ubuntu".',
        range: b.typeRange,
      });
      continue;
    }
    const key = `${t.value}.${n.value}`;
    const prev = sources.get(key);
    if (prev) {
      const r = prev.block.typeRange;
      diags.push({
        severity: 'error',
        summary: 'Duplicate source block',
        detail: `The source "${key}" is already declared at ${r.filename}:${r.start.line}:${r.start.column}.`,
        range: n.range,
      });
      continue;
    }
    sources.set(key, { type: t.value, name: n.value, block: b });
    config.sources.push({ type: t.value, name: n.value, range: t.range });
  }
  config.builds = planBuilds(blocks('build'), sources, scopeInput, input.sensitive, diags, syntaxOnly);
  config.buildBlocks = summarizeBuilds(blocks('build'), configScope(scopeInput));
  return { config, diagnostics: diags, readErrors };
}

function byPosition(a: Block, b: Block): number {
  if (a.range.filename !== b.range.filename) return a.range.filename < b.range.filename ? -1 : 1;
  return a.range.start.byte - b.range.start.byte;
}
