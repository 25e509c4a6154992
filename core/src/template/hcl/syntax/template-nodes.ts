/**
 * The grammar's nodes that open or close a template's interpolation or
 * directive (`${ }`, `%{ if }`, `%{ else }`, `%{ endif }`, `%{ for }`,
 * `%{ endfor }`): expressions inside them, not the template's literal text.
 */
export const TEMPLATE_SEQUENCE_NODES: ReadonlySet<string> = new Set([
  'template_interpolation',
  'template_if_intro',
  'template_else_intro',
  'template_if_end',
  'template_for_start',
  'template_for_end',
]);
