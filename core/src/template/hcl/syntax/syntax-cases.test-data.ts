// biome-ignore-all lint/suspicious/noTemplateCurlyInString: HCL source text, not JS templates
/**
 * HCL snippets shared by the syntax tests: each is a whole .pkr.hcl file and
 * whether hashicorp/hcl (as in `packer validate -syntax-only`) accepts it.
 * Rejected cases name the first diagnostic expected (summary, line:column).
 */
export interface SyntaxCase {
  name: string;
  text: string;
  valid: boolean;
  summary?: string;
  at?: string;
  /** False when Packer's own block schema (not HCL syntax) rejects the file as .pkr.hcl. */
  packerSchema?: boolean;
}

const src = (body: string) => `source "null" "x" {\n${body}\n}\n`;

export const SYNTAX_CASES: SyntaxCase[] = [
  { name: 'attributes', text: src('  a = 1\n  b = "x"'), valid: true },
  { name: 'one-line block', text: src('  foo { a = 1 }'), valid: true },
  { name: 'empty one-line block', text: src('  foo {}'), valid: true },
  { name: 'labels', text: 'source "null" x {\n}\n', valid: true },
  { name: 'operators', text: src('  a = 1 + 2 * 3 - -4 % 2 == 3 || !true && false'), valid: true },
  { name: 'conditional', text: src('  a = x ? "y" : z[0]'), valid: true },
  { name: 'multi-line tuple', text: src('  a = [\n    1,\n    2,\n  ]'), valid: true },
  { name: 'multi-line object', text: src('  a = {\n    b = 1\n    "c" : 2,\n    (d) = 3\n  }'), valid: true },
  { name: 'multi-line call', text: src('  a = f(\n    1,\n    2...\n  )'), valid: true },
  { name: 'parens span lines', text: src('  a = (1 +\n    2)'), valid: true },
  { name: 'for tuple', text: src('  a = [for k, v in x : v if k != ""]'), valid: true },
  { name: 'for object', text: src('  a = {\n    for k, v in x :\n    k => v...\n  }'), valid: true },
  { name: 'splats', text: src('  a = x[*].y\n  b = x.*.y\n  c = x.0.y'), valid: true },
  {
    name: 'template',
    text: src('  a = "a${b}c%{if d}e%{else}f%{endif}%{for x in y}${x}%{endfor}"'),
    valid: true,
  },
  { name: 'strip markers', text: src('  a = "a ${~ b ~} c"'), valid: true },
  { name: 'escapes', text: src('  a = "\\n\\t\\"\\\\\\u00e9 $${x} %%{y}"'), valid: true },
  {
    name: 'heredoc',
    text: src('  a = <<EOT\nhello ${x}\nEOT\n  b = <<-EOT\n    indented\n    EOT'),
    valid: true,
  },
  { name: 'comments', text: src('  # c\n  a = 1 // d\n  /* e */\n  b = 2 /* f */'), valid: true },
  { name: 'template spans lines inside interpolation', text: src('  a = "${\n    x\n  }"'), valid: true },
  { name: 'index with expression', text: src('  a = x[y + 1]["k"]'), valid: true },
  { name: 'nested blocks', text: src('  foo {\n    bar {\n      a = 1\n    }\n  }'), valid: true },
  { name: 'pkrvars', text: 'a = "x"\nb = ["y"]\nc = { d = 1 }\n', valid: true, packerSchema: false },
  {
    name: 'two arguments on one line',
    text: src('  a = 1 b = 2'),
    valid: false,
    summary: 'Missing newline after argument',
    at: '2:9',
  },
  {
    name: 'comma after argument',
    text: src('  a = 1,\n  b = 2'),
    valid: false,
    summary: 'Unexpected comma after argument',
    at: '2:8',
  },
  {
    name: 'attribute redefined',
    text: src('  a = 1\n  a = 2'),
    valid: false,
    summary: 'Attribute redefined',
    at: '3:3',
  },
  {
    name: 'single-line block with two arguments',
    text: src('  foo { a = 1 b = 2 }'),
    valid: false,
    summary: 'Invalid single-argument block definition',
    at: '2:15',
  },
  {
    name: 'single-line block with a nested block',
    text: src('  foo { bar {} }'),
    valid: false,
    summary: 'Argument definition required',
    at: '2:9',
  },
  {
    name: 'single-line block closed on the next line',
    text: src('  foo { a = 1\n  }'),
    valid: false,
    summary: 'Invalid single-argument block definition',
    at: '2:14',
  },
  {
    name: 'argument before closing brace',
    text: src('  foo {\n    a = 1 }'),
    valid: false,
    summary: 'Missing newline after argument',
    at: '3:11',
  },
  {
    name: 'block after block on one line',
    text: src('  foo {} bar {}'),
    valid: false,
    summary: 'Missing newline after block definition',
    at: '2:10',
  },
  {
    name: 'brace on next line',
    text: 'source "null" "x"\n{\n}\n',
    valid: false,
    summary: 'Invalid block definition',
    at: '1:18',
  },
  {
    name: 'operator on next line',
    text: src('  a = 1\n    + 2'),
    valid: false,
    summary: 'Argument or block definition required',
    at: '3:5',
  },
  {
    name: 'value on next line',
    text: src('  a =\n    1'),
    valid: false,
    summary: 'Invalid expression',
    at: '2:6',
  },
  {
    name: 'object items without separator',
    text: src('  a = { b = 1 c = 2 }'),
    valid: false,
    summary: 'Missing attribute separator',
    at: '2:15',
  },
  {
    name: 'unclosed block',
    text: 'source "null" "x" {\n  a = 1\n',
    valid: false,
    summary: 'Unclosed configuration block',
    at: '1:19',
  },
  { name: 'missing value', text: src('  a = '), valid: false, summary: 'Invalid expression' },
  {
    name: 'bare word',
    text: src('  a'),
    valid: false,
    summary: 'Argument or block definition required',
    at: '2:3',
  },
  {
    name: 'quoted argument name',
    text: src('  "a" = 1'),
    valid: false,
    summary: 'Invalid argument name',
    at: '2:3',
  },
  {
    name: 'newline in quoted string',
    text: src('  a = "x\ny"'),
    valid: false,
    summary: 'Invalid multi-line string',
    at: '2:9',
  },
  {
    name: 'invalid escape',
    text: src('  a = "\\q"'),
    valid: false,
    summary: 'Invalid escape sequence',
    at: '2:8',
  },
  { name: 'unterminated string', text: src('  a = "x'), valid: false },
  { name: 'unterminated heredoc', text: src('  a = <<EOT\nx\n'), valid: false },
  { name: 'unbalanced paren', text: src('  a = (1 + 2'), valid: false },
  { name: 'dangling operator', text: src('  a = 1 +'), valid: false },
  { name: 'stray closing brace', text: 'a = 1\n}\n', valid: false },
  { name: 'hex number', text: src('  a = 0x10'), valid: false },
  { name: 'top-level object', text: '{ a = 1 }\n', valid: false },
  { name: 'equals in block header', text: 'source "null" "x" = {\n}\n', valid: false },
  { name: 'interpolation in label', text: 'source "null" "${x}" {\n}\n', valid: false },
];
