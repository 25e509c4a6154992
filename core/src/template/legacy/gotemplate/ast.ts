/** A parsed Go text/template, as Packer's legacy JSON templates use them. */
export type GoTemplateNode = TextNode | ActionNode;

export interface TextNode {
  kind: 'text';
  text: string;
}

/** One `{{ ... }}` action: a pipeline of commands joined by `|`. */
export interface ActionNode {
  kind: 'action';
  pipeline: Command[];
  /** The action's own text, braces and trim markers included. */
  source: string;
  /** Offset of `{{` in the template string. */
  offset: number;
}

/** A function call or a single operand; piped input becomes the last argument. */
export interface Command {
  args: Operand[];
  offset: number;
}

export type Operand =
  | { kind: 'ident'; name: string; offset: number }
  | { kind: 'string'; value: string; offset: number }
  | { kind: 'number'; value: number; offset: number }
  | { kind: 'bool'; value: boolean; offset: number }
  | { kind: 'field'; path: string[]; offset: number }
  | { kind: 'paren'; pipeline: Command[]; offset: number };

/** A problem in a template string; `offset` is relative to the string. */
export interface GoTemplateProblem {
  message: string;
  offset: number;
}
