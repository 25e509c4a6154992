import type { TemplateDiagnostic } from '../../config/source-range.js';
import { formatHcl } from '../hcl/fmt/format.js';
import { initHclParser } from '../hcl/syntax/parse.js';
import { nodeRange, nodeValue, parseJsonDocument } from '../legacy/json-document.js';
import { hclBody, isObject, type JsonObject } from './body.js';
import { buildBlock, type SchemaLookup, type SourceRef } from './build-block.js';
import { comment, hclString } from './hcl-text.js';
import { packerBlock } from './packer-block.js';
import type { TranslateContext } from './translate.js';
import { legacyVariables, localBlocks, variableBlocks } from './variables.js';

/** What {@link upgradeTemplate} converts. */
export interface UpgradeInput {
  /** The JSON template's path (for diagnostics). */
  file: string;
  text: string;
  /** Explain each section with comments. */
  withAnnotations?: boolean;
  /** Component schemas: they decide which JSON objects become nested blocks. */
  schemaFor?: SchemaLookup;
  /** The version constraint written for Kiln's first-party plugins in required_plugins. */
  pluginVersion: string;
}

/** The HCL2 configuration, and what could not be converted. */
export interface UpgradeResult {
  /** Formatted HCL2 text; empty when `diagnostics` has errors. */
  output: string;
  /** One line per Go-template call kept as written (also left as comments in the output). */
  warnings: string[];
  /** JSON syntax errors and a root that is not an object. */
  diagnostics: TemplateDiagnostic[];
}

/**
 * Converts a legacy JSON template into an equivalent HCL2 configuration, as
 * `packer hcl2_upgrade` does: a packer block (required_version,
 * required_plugins for Kiln's first-party plugins), variables (locals for
 * computed ones), the timestamp local, one source per builder named after
 * the build, and a build block with the provisioners and post-processor
 * chains. Go-template calls become HCL2 expressions; plugin-time fields
 * (`{{ .HTTPIP }}`) stay in the strings.
 */
export async function upgradeTemplate(input: UpgradeInput): Promise<UpgradeResult> {
  const { doc, diagnostics } = parseJsonDocument(input.file, input.text);
  if (diagnostics.some((d) => d.severity === 'error')) return { output: '', warnings: [], diagnostics };
  const value = doc.root ? nodeValue(doc.root) : undefined;
  if (!isObject(value as never)) {
    const d: TemplateDiagnostic = { severity: 'error', summary: 'A template must be a JSON object' };
    if (doc.root) d.range = nodeRange(doc, doc.root);
    return { output: '', warnings: [], diagnostics: [d] };
  }
  const root = value as JsonObject;
  const schemaFor: SchemaLookup = async (kind, type) => {
    try {
      return await input.schemaFor?.(kind, type);
    } catch {
      return undefined;
    }
  };
  const vars = legacyVariables(root);
  const warnings: string[] = [];
  let where = '';
  let pending: string[] = [];
  const ctx: TranslateContext = {
    place: 'variable',
    locals: new Set(vars.filter((v) => v.local).map((v) => v.name)),
    timestampLocal: vars.some((v) => v.name === 'timestamp') ? 'legacy_timestamp' : 'timestamp',
    usedTimestamp: false,
    unhandled(action, why) {
      warnings.push(`${where}: ${action} was kept as written: ${why}`);
      pending.push(`${action} was kept as written: ${why}`);
    },
  };
  const notes = (indent = '') => {
    const text = pending.length ? comment(pending.join('\n'), indent) : '';
    pending = [];
    return text;
  };
  const note = (text: string) => (input.withAnnotations ? comment(text) : '');

  const sections: string[] = [];
  if (input.withAnnotations)
    sections.push(
      comment(
        'Converted from a legacy JSON template by kiln hcl2_upgrade. Check it, then\nkeep it in a directory of .pkr.hcl files (kiln inspect DIR shows what is there).',
      ),
    );
  const packer = packerBlock(root, input.pluginVersion);
  if (packer)
    sections.push(note('Required Kiln/Packer version and the plugins this configuration uses.') + packer);

  where = 'variables';
  const variables = variableBlocks(vars, ctx);
  if (variables)
    sections.push(note('Input variables: legacy JSON variables are all strings.') + notes() + variables);
  ctx.place = 'local';
  const locals = localBlocks(vars, ctx);
  const localNotes = notes();

  const builders = Array.isArray(root.builders) ? root.builders.filter(isObject) : [];
  const sources: SourceRef[] = builders.map((b) => {
    const type = String(b.type);
    const buildName = typeof b.name === 'string' && b.name !== '' ? b.name : type;
    return { type, buildName, name: buildName.replace(/[^A-Za-z0-9_-]/g, '_') };
  });
  const sourceTexts: string[] = [];
  ctx.place = 'source';
  for (const [i, b] of builders.entries()) {
    const s = sources[i]!;
    where = `source "${s.type}" "${s.name}"`;
    const { type: _t, name: _n, ...body } = b;
    const text = hclBody(body, await schemaFor('builder', s.type), ctx, '  ');
    sourceTexts.push(`${notes()}source ${hclString(s.type)} ${hclString(s.name)} {\n${text}}\n`);
  }
  ctx.place = 'build';
  where = 'build';
  const build = sources.length ? await buildBlock(root, sources, schemaFor, ctx) : '';
  const buildNotes = notes();

  let localsText = localNotes + locals;
  if (ctx.usedTimestamp)
    localsText += `${note("Packer's {{timestamp}}: the build's start time, digits only.")}locals {\n  ${ctx.timestampLocal} = regex_replace(timestamp(), "[- TZ:]", "")\n}\n`;
  if (localsText) sections.push(note('Local values computed from the variables.') + localsText);
  if (sourceTexts.length)
    sections.push(note('One source per legacy builder, named after its build.') + sourceTexts.join('\n'));
  if (build)
    sections.push(note('The build: its sources, provisioners and post-processors.') + buildNotes + build);

  await initHclParser();
  const text = sections.map((s) => s.replace(/\n+$/, '\n')).join('\n');
  const formatted = formatHcl(text, `${input.file}.pkr.hcl`);
  return { output: formatted.diagnostics.length ? text : formatted.output, warnings, diagnostics: [] };
}
