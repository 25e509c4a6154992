import { PROTOCOL_VERSION, type v1 } from '@kiln/proto';
import { fail, type Kit, type Outcome, pass, type Session } from './kit.js';
import { describeGrpcError } from './plugin-clients.js';
import { validateSchema } from './validate-schema.js';

const KIND_NAMES: Record<string, string> = {
  BUILDER: 'builder',
  PROVISIONER: 'provisioner',
  POST_PROCESSOR: 'post-processor',
  DATA_SOURCE: 'data-source',
};

/** `builder/docker` for a described component. */
export function componentLabel(c: v1.Component__Output): string {
  return `${KIND_NAMES[c.kind] ?? c.kind}/${c.type}`;
}

/** Describe: name, version, protocol and components, consistent with the package's "kiln" field. */
export async function checkDescribe(
  kit: Kit,
  s: Session,
): Promise<{ outcome: Outcome; described?: v1.DescribeResponse__Output }> {
  const d = await s.call<v1.DescribeResponse__Output>('plugin', 'Describe', {});
  const problems: string[] = [];
  if (!d.name) problems.push('name is empty');
  if (!d.version) problems.push('version is empty');
  if (d.protocolVersion !== PROTOCOL_VERSION) {
    problems.push(`protocol_version is ${d.protocolVersion}, but it handshook protocol ${PROTOCOL_VERSION}`);
  }
  if (d.components.length === 0) problems.push('it serves no components');
  const seen = new Set<string>();
  for (const c of d.components) {
    const label = componentLabel(c);
    if (!KIND_NAMES[c.kind]) problems.push(`component ${JSON.stringify(c.type)} has kind ${c.kind}`);
    if (!/^[a-z0-9][a-z0-9_-]*$/.test(c.type)) problems.push(`${label}: the type is not a lower-case name`);
    if (seen.has(label)) problems.push(`${label} is listed twice`);
    seen.add(label);
  }
  const t = kit.target;
  if (t.version && d.version && t.version !== d.version) {
    problems.push(`version ${d.version} differs from package.json's ${t.version}`);
  }
  if (t.kiln?.components) {
    const declared = new Set(
      Object.entries(t.kiln.components).flatMap(([kind, types]) => (types ?? []).map((x) => `${kind}/${x}`)),
    );
    for (const l of declared)
      if (!seen.has(l)) problems.push(`package.json declares ${l}, Describe does not list it`);
    for (const l of seen)
      if (!declared.has(l)) problems.push(`Describe lists ${l}, package.json does not declare it`);
  }
  kit.plugin = { name: d.name, version: d.version, sdk: d.sdk };
  const summary = `${d.name} ${d.version} (protocol ${d.protocolVersion}${d.sdk ? `, ${d.sdk}` : ''}): ${[...seen].join(', ')}`;
  return { outcome: problems.length ? fail(problems.join('; ')) : pass(summary), described: d };
}

/** GetSchema for one component: a well-formed schema. */
export async function checkSchema(s: Session, c: v1.Component__Output): Promise<Outcome> {
  let res: v1.GetSchemaResponse__Output;
  try {
    res = await s.call<v1.GetSchemaResponse__Output>('plugin', 'GetSchema', { kind: c.kind, type: c.type });
  } catch (e) {
    return fail(`GetSchema failed: ${describeGrpcError(e)}`);
  }
  if (!res.schema) return fail('GetSchema returned no schema');
  const problems = validateSchema(res.schema);
  if (problems.length) return fail(`${problems.length} problem(s) in the schema`, problems);
  const n = res.schema.attributes.length;
  const b = res.schema.blocks.length;
  return pass(
    `${n} attribute${n === 1 ? '' : 's'}, ${b} block${b === 1 ? '' : 's'}${res.schema.open ? ', open' : ''}`,
  );
}
