import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { TemplateDiagnostic } from '../../../config/source-range.js';
import { sourceCache } from '../../../diagnostics/source-cache.js';
import { goClean } from '../../functions/file-path.js';
import type { Body } from '../syntax/ast.js';
import { initHclParser, parseHclFile } from '../syntax/parse.js';
import { parseHclJson } from './json-body.js';

/** One parsed configuration or variables file. */
export interface ParsedFile {
  filename: string;
  body: Body;
}

/** The files of one configuration, by role, in load order. */
export interface ConfigFiles {
  rootDir: string;
  /**
   * The configuration's directory as the user gave it (a directory path
   * unchanged, or a file's cleaned parent: "." for a file here): Packer's
   * path.root, and what file functions join relative paths to.
   */
  baseDir: string;
  config: ParsedFile[];
  /** *.auto.pkrvars.hcl / *.auto.pkrvars.json, lexical order. */
  autoVars: ParsedFile[];
}

const isConfig = (f: string) => f.endsWith('.pkr.hcl') || f.endsWith('.pkr.json');
const isAutoVars = (f: string) => f.endsWith('.auto.pkrvars.hcl') || f.endsWith('.auto.pkrvars.json');
/** Kiln's own settings beside a configuration: Packer reads no such file, so the configuration stays Packer's. */
const isKilnFile = (f: string) => f.endsWith('.kiln.hcl');

/** Reads and parses one HCL native or HCL JSON file (by extension). */
export async function parseFile(
  filename: string,
  diags: TemplateDiagnostic[],
): Promise<ParsedFile | undefined> {
  let text: string;
  try {
    text = readFileSync(filename, 'utf8');
  } catch (e) {
    diags.push({
      severity: 'error',
      summary: `Failed to read file ${filename}`,
      detail:
        (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'The file does not exist.' : (e as Error).message,
    });
    return undefined;
  }
  sourceCache.set(filename, text);
  if (filename.endsWith('.json')) {
    // Its strings are templates, parsed by the HCL parser.
    await initHclParser();
    const r = parseHclJson(text, filename);
    diags.push(...r.diagnostics);
    return { filename, body: r.body };
  }
  const r = await parseHclFile(text, filename);
  diags.push(...r.diagnostics);
  return { filename, body: r.body };
}

/**
 * The files of a configuration: a directory's *.pkr.hcl and *.pkr.json (and
 * its *.auto.pkrvars.*), or one file. Paths keep the form the user gave, so
 * diagnostics name files the way the user wrote them.
 */
export async function readConfigFiles(path: string, diags: TemplateDiagnostic[]): Promise<ConfigFiles> {
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    diags.push({
      severity: 'error',
      summary: `Failed to read ${path}`,
      detail: 'No such file or directory. Give a template file, or a directory of .pkr.hcl files.',
    });
    return { rootDir: resolve(path), baseDir: path, config: [], autoVars: [] };
  }
  const rootDir = isDir ? resolve(path) : dirname(resolve(path));
  const names = isDir ? readdirSync(path).sort() : [basename(path)];
  const dir = isDir ? path : dirname(path);
  const out: ConfigFiles = {
    rootDir,
    baseDir: isDir ? path : goClean(dirname(path)),
    config: [],
    autoVars: [],
  };
  for (const n of isDir ? names.filter(isConfig) : names) {
    const f = await parseFile(isDir ? join(dir, n) : path, diags);
    if (f) out.config.push(f);
  }
  const packerFiles = out.config.length;
  for (const n of (isDir ? names : readdirSync(dir).sort()).filter(isKilnFile)) {
    const f = await parseFile(join(dir, n), diags);
    if (f) out.config.push(onlyKilnBlocks(f, diags));
  }
  if (isDir) {
    for (const n of names.filter(isAutoVars)) {
      const f = await parseFile(join(dir, n), diags);
      if (f) out.autoVars.push(f);
    }
    if (packerFiles === 0)
      diags.push({
        severity: 'error',
        summary: `No configuration files in ${path}`,
        detail: 'A configuration directory must hold at least one .pkr.hcl or .pkr.json file.',
      });
  }
  return out;
}

/** A *.kiln.hcl file with its kiln {} blocks; anything else in it is reported and left out. */
function onlyKilnBlocks(f: ParsedFile, diags: TemplateDiagnostic[]): ParsedFile {
  const wrong = [
    ...f.body.attributes.map((a) => ({ what: `an argument "${a.name}"`, range: a.nameRange })),
    ...f.body.blocks
      .filter((b) => b.type !== 'kiln')
      .map((b) => ({ what: `a ${b.type} block`, range: b.typeRange })),
  ];
  for (const w of wrong)
    diags.push({
      severity: 'error',
      summary: 'Not a kiln block',
      detail: `A .kiln.hcl file holds kiln {} blocks only (Kiln's settings, which Packer never reads); ${w.what} belongs in a .pkr.hcl file.`,
      range: w.range,
    });
  return {
    ...f,
    body: { ...f.body, attributes: [], blocks: f.body.blocks.filter((b) => b.type === 'kiln') },
  };
}
