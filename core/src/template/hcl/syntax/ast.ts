/**
 * Kiln's syntax tree for HCL2 native syntax (.pkr.hcl, .pkrvars.hcl).
 *
 * Every node carries the SourceRange it was parsed from. Ranges use HCL's
 * convention: line and column are 1-based, column counts characters (not
 * bytes), byte is the 0-based UTF-8 byte offset. A tree is always complete:
 * where the source is broken the parser emits a diagnostic and an
 * `InvalidExpr` placeholder, never a partial node.
 */
import type { SourceRange } from '../../../config/source-range.js';

export type { SourceRange };

/** A sequence of attributes and blocks: a whole file, or a block's contents. */
export interface Body {
  kind: 'Body';
  /** Attributes and blocks in source order. */
  items: BodyItem[];
  /** The attributes of `items`, in source order. */
  attributes: Attribute[];
  /** The blocks of `items`, in source order. */
  blocks: Block[];
  range: SourceRange;
}

export type BodyItem = Attribute | Block;

/** `name = expression` inside a body. */
export interface Attribute {
  kind: 'Attribute';
  name: string;
  nameRange: SourceRange;
  expr: Expression;
  /** From the name to the end of the expression. */
  range: SourceRange;
}

/** One block label: `source "docker" "ubuntu"` has two. */
export interface BlockLabel {
  /** The label's value, escapes decoded, without quotes. */
  value: string;
  /** True for `"quoted"` labels, false for bare identifiers. */
  quoted: boolean;
  range: SourceRange;
}

/** `type label... { body }`. */
export interface Block {
  kind: 'Block';
  type: string;
  typeRange: SourceRange;
  labels: BlockLabel[];
  body: Body;
  openBraceRange: SourceRange;
  closeBraceRange: SourceRange;
  /** From the type to the closing brace. */
  range: SourceRange;
}

/** Every expression node. Discriminate on `kind`. */
export type Expression =
  | LiteralExpr
  | TemplateExpr
  | TemplateWrapExpr
  | ScopeTraversalExpr
  | GetAttrExpr
  | IndexExpr
  | SplatExpr
  | TupleExpr
  | ObjectExpr
  | FunctionCallExpr
  | UnaryExpr
  | BinaryExpr
  | ConditionalExpr
  | ForExpr
  | ParenthesesExpr
  | InvalidExpr;

/** `42`, `1.5e3`, `true`, `false`, `null`. Strings are TemplateExpr. */
export interface LiteralExpr {
  kind: 'Literal';
  /** Numbers as JS numbers; `raw` keeps the source text for exact decimals. */
  value: number | boolean | null;
  raw: string;
  range: SourceRange;
}

/**
 * A quoted string or heredoc. Literal parts are already decoded (escapes,
 * `$${`/`%%{`), strip markers (`~`) already applied to neighbouring
 * literals, and `<<-` indentation already removed. A string without
 * interpolation is a template with a single literal part (or no parts when
 * empty); evaluation joins the parts into a string.
 */
export interface TemplateExpr {
  kind: 'Template';
  parts: TemplatePart[];
  /** Set for heredocs: the marker (`EOT`) and whether it was `<<-`. */
  heredoc?: { marker: string; indented: boolean };
  range: SourceRange;
}

/**
 * `"${expr}"` with nothing around it: evaluates to `expr`'s value unchanged
 * (not converted to a string), as HCL does.
 */
export interface TemplateWrapExpr {
  kind: 'TemplateWrap';
  expr: Expression;
  range: SourceRange;
}

export type TemplatePart = TemplateLiteral | TemplateInterpolation | TemplateIf | TemplateFor;

/** Literal text inside a template (decoded). */
export interface TemplateLiteral {
  kind: 'TemplateLiteral';
  value: string;
  range: SourceRange;
}

/** `${ expr }`, `${~ expr ~}`. */
export interface TemplateInterpolation {
  kind: 'TemplateInterpolation';
  expr: Expression;
  stripLeft: boolean;
  stripRight: boolean;
  range: SourceRange;
}

/** `%{ if cond }...%{ else }...%{ endif }`. */
export interface TemplateIf {
  kind: 'TemplateIf';
  condition: Expression;
  then: TemplatePart[];
  /** Absent when there is no `%{ else }`. */
  else?: TemplatePart[];
  range: SourceRange;
}

/** `%{ for k, v in coll }...%{ endfor }`. */
export interface TemplateFor {
  kind: 'TemplateFor';
  keyVar?: string;
  valueVar: string;
  collection: Expression;
  body: TemplatePart[];
  range: SourceRange;
}

/**
 * A step after a root name in a static traversal: `.name`, `[0]`, `["k"]`,
 * or the legacy `.0` index.
 */
export type TraversalStep =
  | { kind: 'attr'; name: string; range: SourceRange }
  | { kind: 'index'; key: number | string; legacy: boolean; range: SourceRange };

/**
 * A variable reference with static steps: `var.x`, `local.y`,
 * `source.docker.ubuntu`, `path.root`, `a.b[0].c`, `a.0`. Steps stop at the
 * first non-literal index or splat; what follows wraps this node in
 * IndexExpr/GetAttrExpr/SplatExpr.
 */
export interface ScopeTraversalExpr {
  kind: 'ScopeTraversal';
  root: string;
  rootRange: SourceRange;
  steps: TraversalStep[];
  range: SourceRange;
}

/** `expr.name` where `expr` is not a plain traversal (e.g. `f(x).name`). */
export interface GetAttrExpr {
  kind: 'GetAttr';
  object: Expression;
  name: string;
  nameRange: SourceRange;
  range: SourceRange;
}

/** `expr[key]` (or legacy `expr.0`) where the traversal cannot be static. */
export interface IndexExpr {
  kind: 'Index';
  collection: Expression;
  key: Expression;
  legacy: boolean;
  range: SourceRange;
}

/** A step applied to each element by a splat. */
export type SplatStep =
  | { kind: 'attr'; name: string; range: SourceRange }
  | { kind: 'index'; key: Expression; legacy: boolean; range: SourceRange };

/**
 * `source[*].a.b` (full) or `source.*.a` (attribute-only, legacy). `steps`
 * are applied to every element; a non-list, non-null source is treated as a
 * one-element list and null as an empty list, as HCL does.
 */
export interface SplatExpr {
  kind: 'Splat';
  source: Expression;
  full: boolean;
  steps: SplatStep[];
  range: SourceRange;
}

/** `[a, b, c]`. */
export interface TupleExpr {
  kind: 'Tuple';
  elements: Expression[];
  range: SourceRange;
}

/**
 * An object key. A bare identifier key (`name = 1`) is the string `name`
 * (in `ident`), not a variable; any other key (`"k" = 1`, `(var.k) = 1`,
 * `"${x}" = 1`) is evaluated from `expr`.
 */
export interface ObjectKey {
  kind: 'ObjectKey';
  ident?: string;
  expr: Expression;
  range: SourceRange;
}

export interface ObjectItem {
  key: ObjectKey;
  value: Expression;
  separator: '=' | ':';
  range: SourceRange;
}

/** `{ k = v, "k2": v2 }`. */
export interface ObjectExpr {
  kind: 'Object';
  items: ObjectItem[];
  range: SourceRange;
}

/** `name(a, b, c...)`; `expandFinal` is the trailing `...`. */
export interface FunctionCallExpr {
  kind: 'FunctionCall';
  name: string;
  nameRange: SourceRange;
  args: Expression[];
  expandFinal: boolean;
  openParenRange: SourceRange;
  closeParenRange: SourceRange;
  range: SourceRange;
}

export type UnaryOperator = '!' | '-';

/** `!x`, `-x`. */
export interface UnaryExpr {
  kind: 'Unary';
  op: UnaryOperator;
  operand: Expression;
  range: SourceRange;
}

export type BinaryOperator =
  | '||'
  | '&&'
  | '=='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | '+'
  | '-'
  | '*'
  | '/'
  | '%';

/**
 * `left op right`, already grouped by HCL precedence (highest first:
 * `* / %`, `+ -`, `< <= > >=`, `== !=`, `&&`, `||`; all left-associative).
 */
export interface BinaryExpr {
  kind: 'Binary';
  op: BinaryOperator;
  left: Expression;
  right: Expression;
  opRange: SourceRange;
  range: SourceRange;
}

/** `cond ? a : b`. */
export interface ConditionalExpr {
  kind: 'Conditional';
  condition: Expression;
  trueExpr: Expression;
  falseExpr: Expression;
  range: SourceRange;
}

/**
 * `[for k, v in coll : v if cond]` (tuple) or
 * `{for k, v in coll : key => v... if cond}` (object; `group` is the `...`).
 */
export interface ForExpr {
  kind: 'For';
  object: boolean;
  keyVar?: string;
  valueVar: string;
  collection: Expression;
  /** Only for object for-expressions. */
  keyExpr?: Expression;
  valueExpr: Expression;
  condition?: Expression;
  group: boolean;
  range: SourceRange;
}

/** `( expr )`: kept so that `(a) = 1` object keys and fmt see it. */
export interface ParenthesesExpr {
  kind: 'Parentheses';
  expr: Expression;
  range: SourceRange;
}

/** Placeholder where the source could not be parsed; a diagnostic says why. */
export interface InvalidExpr {
  kind: 'Invalid';
  range: SourceRange;
}
