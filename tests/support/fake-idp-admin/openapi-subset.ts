import { readFileSync } from 'node:fs';
import { load as loadYaml } from 'js-yaml';

type Json = Record<string, unknown>;

/** The operations a fake answers: [method, OpenAPI path template]. */
export type OperationRef = readonly [method: string, path: string];

/** Reads a JSON or YAML OpenAPI document. */
export function readOpenApi(file: string): Json {
  const text = readFileSync(file, 'utf8');
  return (file.endsWith('.json') ? JSON.parse(text) : loadYaml(text, { json: true })) as Json;
}

function collectRefs(node: unknown, into: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) collectRefs(item, into);
    return;
  }
  if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') into.add(value);
      else if (key === 'discriminator' && value && typeof value === 'object' && 'mapping' in value) {
        for (const target of Object.values((value as { mapping: Record<string, string> }).mapping)) into.add(target);
      } else if (key !== 'examples' && key !== 'example') collectRefs(value, into);
    }
  }
}

function pointer(doc: Json, ref: string): unknown {
  if (!ref.startsWith('#/')) throw new Error(`only local references are supported, not ${ref}`);
  let node: unknown = doc;
  for (const raw of ref.slice(2).split('/')) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!node || typeof node !== 'object' || !(part in node)) throw new Error(`the description has no ${ref}`);
    node = (node as Json)[part];
  }
  return node;
}

function setPointer(target: Json, ref: string, value: unknown): void {
  const parts = ref
    .slice(2)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node = target;
  for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Json;
  node[parts.at(-1)!] = value;
}

function stripExamples(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(stripExamples);
  if (node && typeof node === 'object') {
    return Object.fromEntries(
      Object.entries(node)
        .filter(([key]) => key !== 'examples' && key !== 'example')
        .map(([key, value]) => [key, stripExamples(value)]),
    );
  }
  return node;
}

/**
 * The publisher's own description cut down to the operations a fake serves, with every component
 * they reference (transitively), unchanged. Examples are dropped (some publishers' examples carry
 * dangling references that no validator can resolve); schemas are kept exactly as published.
 */
export function openApiSubset(doc: Json, operations: readonly OperationRef[]): Json {
  const paths: Json = {};
  const sourcePaths = doc.paths as Record<string, Json>;
  for (const [method, path] of operations) {
    const item = sourcePaths[path];
    const operation = item?.[method.toLowerCase()];
    if (!item || !operation) throw new Error(`the description has no ${method.toUpperCase()} ${path}`);
    const target = ((paths[path] as Json | undefined) ??= item.parameters ? { parameters: item.parameters } : {}) as Json;
    target[method.toLowerCase()] = operation;
  }
  const subset: Json = { openapi: doc.openapi, info: doc.info, servers: [{ url: '/' }], paths, components: {} };
  if (doc.security) subset.security = doc.security;
  const seen = new Set<string>();
  const pending = new Set<string>();
  collectRefs(paths, pending);
  const components = doc.components as Json | undefined;
  if (components?.securitySchemes) (subset.components as Json).securitySchemes = components.securitySchemes;
  while (pending.size > 0) {
    const ref = pending.values().next().value as string;
    pending.delete(ref);
    if (seen.has(ref)) continue;
    seen.add(ref);
    const value = pointer(doc, ref);
    setPointer(subset, ref, value);
    const more = new Set<string>();
    collectRefs(value, more);
    for (const next of more) if (!seen.has(next)) pending.add(next);
  }
  return stripExamples(subset) as Json;
}
