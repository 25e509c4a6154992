/**
 * Variations of HCL2 text for differential tests of `fmt`: the same
 * configuration with its whitespace, comments, blank lines, line endings
 * and alignment disturbed, reproducibly (a seeded generator). Only
 * whitespace and comments change, so a valid input stays valid.
 */
export interface Mutation {
  name: string;
  apply(text: string, rnd: () => number): string;
}

/** A small deterministic random generator (mulberry32). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const lines = (text: string) => text.split('\n');

/** Heredoc lines (their openers and their text, kept as written), by index. */
function heredocLines(text: string): Set<number> {
  const inside = new Set<number>();
  let marker: string | undefined;
  lines(text).forEach((l, i) => {
    if (marker) {
      inside.add(i);
      if (l.trim() === marker) marker = undefined;
      return;
    }
    const m = /<<-?([A-Za-z_][\w-]*)\s*$/.exec(l);
    if (m) {
      inside.add(i);
      marker = m[1];
    }
  });
  return inside;
}

/** Rewrites each line outside heredocs with `f`. */
function perLine(text: string, f: (line: string, i: number) => string): string {
  const skip = heredocLines(text);
  return lines(text)
    .map((l, i) => (skip.has(i) ? l : f(l, i)))
    .join('\n');
}

export const MUTATIONS: Mutation[] = [
  { name: 'no indentation', apply: (t) => perLine(t, (l) => l.trimStart()) },
  {
    name: 'random indentation',
    apply: (t, r) => perLine(t, (l) => (l.trim() ? ' '.repeat(Math.floor(r() * 9)) + l.trimStart() : l)),
  },
  {
    name: 'tabs for indentation',
    apply: (t) => perLine(t, (l) => l.replace(/^( {2})+/, (m) => '\t'.repeat(m.length / 2))),
  },
  {
    name: 'wider gaps between tokens',
    // Only gaps outside quoted strings: a space run becomes one to four spaces or a tab.
    apply: (t, r) =>
      perLine(t, (l) =>
        splitOutsideStrings(l, (code) =>
          code.replace(/(\S) +(?=\S)/g, (_m, c: string) => c + pick(r, [' ', '  ', '    ', '\t'])),
        ),
      ),
  },
  {
    name: 'aligned equals collapsed',
    apply: (t) => perLine(t, (l) => l.replace(/^(\s*[\w"-]+)\s+=\s+/, '$1=')),
  },
  {
    name: 'trailing blanks',
    apply: (t, r) => perLine(t, (l) => l + pick(r, ['', ' ', '   ', '\t', ' \t '])),
  },
  {
    name: 'comments at line ends',
    apply: (t, r) =>
      perLine(t, (l) =>
        /[{}\]")\w]\s*$/.test(l) && !/^\s*[A-Z_]+\s*$/.test(l) && !/#|\/\/|\/\*/.test(l) && r() < 0.4
          ? `${l} ${pick(r, ['# note', '// note', '/* note */'])}`
          : l,
      ),
  },
  {
    name: 'extra blank lines',
    apply: (t, r) => perLine(t, (l) => (r() < 0.2 ? `${l}\n\n` : l)),
  },
  { name: 'no final newline, trailing spaces', apply: (t) => `${t.replace(/\s+$/, '')}   ` },
  { name: 'trailing blank lines and spaces', apply: (t) => `${t}\n\n  \t` },
  { name: 'CRLF line endings', apply: (t) => t.replace(/\r?\n/g, '\r\n') },
];

/** Applies `f` to the parts of `line` outside double-quoted strings and after no comment start. */
function splitOutsideStrings(line: string, f: (code: string) => string): string {
  let out = '';
  let code = '';
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (c === '#' || (c === '/' && (line[i + 1] === '/' || line[i + 1] === '*'))) break;
    if (c === '"') {
      out += f(code);
      code = '';
      let j = i + 1;
      let depth = 0;
      while (j < line.length) {
        if (line[j] === '\\') j += 2;
        else if (line[j] === '$' && line[j + 1] === '{') {
          depth++;
          j += 2;
        } else if (line[j] === '}' && depth > 0) {
          depth--;
          j++;
        } else if (line[j] === '"' && depth === 0) break;
        else j++;
      }
      out += line.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    code += c;
    i++;
  }
  return out + f(code) + line.slice(i);
}

/** Hand-written configurations with the constructs formatters disagree on. */
export const SNIPPETS: Record<string, string> = {
  heredoc_interpolation_spans_lines:
    'locals {\n  script = <<EOF\n#!/bin/sh\necho ${\n  upper("a")\n} done\n  ${var.x}\nEOF\n  other = <<-EOT\n    a ${ [1,\n 2] }\n    %{ if true }\n  b\n    %{ endif }\n    EOT\n  z=1\n}\n',
  nested_blocks:
    'build {\nsources=["source.a.b"]\nprovisioner "shell" {\ninline=[\n"a",\n"b"\n]\nenvironment_vars = [ "A=1",\n  "B=2" ]\n}\npost-processors {\npost-processor "x" {\nk = { a = 1, b = [ {c=2} ] }\n}\n}\n}\n',
  alignment:
    'variable "v" {\n  type = string\n  default = "x" # c\n  description = "long" // d\n\n  sensitive = true\n  validation {\n    condition = length(var.v) > 0\n    error_message = "no"\n  }\n}\n',
  expressions:
    'locals {\n  a = [for x in var.l: upper(x) if x != ""]\n  b = {for k,v in var.m: k=>v...}\n  c = var.x ? 1 : -2\n  d = !var.y && (1+2)*3 >= 4 || false\n  e = var.list[*].id\n  f = var.obj.*.name\n  g = try(var.a[0], null)\n  h = -var.n\n  i = "${var.a}-${ var.b }"\n}\n',
  comments:
    '# top\n/* block\n   comment */\nsource "null" "a" { # trailing\n  communicator = "none" /* inline */\n  // line\n}\n',
  brackets_across_lines:
    'locals {\n  m = merge(\n    { a = 1 },\n    {\n  b = 2 }\n  )\n  l = [[1,\n2], [3]]\n  f = format("%s-%s",\n  var.a,\n var.b)\n}\n',
  one_line_blocks: 'source "null" "a" { communicator = "none" }\nbuild { sources = ["source.null.a"] }\n',
  empty_blocks_and_objects: 'source "null" "a" {\n}\nlocals {\n  e = {}\n  l = []\n  o = {\n  }\n}\n',
  wide_characters:
    'a = "e\u0301" # x\nbb = 1 # y\nm = {\n  "\u{1F468}\u200D\u{1F469}" = 2\n  q = 3\n}\nccc = "\u{1F1EB}\u{1F1F7}" # c\nd = 1 # x\nrésumé = "ü"\nn = 2\n',
  directives:
    'locals {\n  t = "%{ for x in var.l }${x},%{ endfor }"\n  u = <<EOF\n%{ for x in var.l ~}\n${x}\n%{~ endfor }\nEOF\n}\n',
};
