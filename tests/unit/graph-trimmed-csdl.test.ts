import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GRAPH_TRIMMED } from '../support/fake-idp-admin/fake-graph';
import { readOpenApi } from '../support/fake-idp-admin/openapi-subset';

/**
 * The project's trimmed Graph description (used by the fake Graph) must agree with Microsoft's
 * CSDL: every schema is a Graph type, every property exists there with a matching type, every
 * action is bound to the type the path names with the parameters the body sends, and every
 * navigation segment exists on its entity.
 */
const CSDL = new URL('../../../shared/specs/msgraph-v1.0-Prod.csdl', import.meta.url);
const HAVE_CSDL = existsSync(CSDL);
if (!HAVE_CSDL) console.log(`skipped: the Graph CSDL check needs ${CSDL.pathname}, which is absent here`);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- walks an untyped OpenAPI document
type Json = Record<string, any>;

interface CsdlType {
  base: string | null;
  properties: Map<string, string>;
  navigation: Map<string, string>;
}

function readCsdl(text: string): { types: Map<string, CsdlType>; actions: Map<string, Array<{ binding: string; parameters: Map<string, string> }>> } {
  const types = new Map<string, CsdlType>();
  for (const match of text.matchAll(/<(EntityType|ComplexType) Name="([^"]+)"(?: BaseType="graph\.([^"]+)")?[^>]*?(\/>|>([\s\S]*?)<\/\1>)/g)) {
    const body = match[5] ?? '';
    const properties = new Map([...body.matchAll(/<Property Name="([^"]+)" Type="([^"]+)"/g)].map((m) => [m[1]!, m[2]!]));
    const navigation = new Map([...body.matchAll(/<NavigationProperty Name="([^"]+)" Type="([^"]+)"/g)].map((m) => [m[1]!, m[2]!]));
    types.set(match[2]!, { base: match[3] ?? null, properties, navigation });
  }
  const actions = new Map<string, Array<{ binding: string; parameters: Map<string, string> }>>();
  for (const match of text.matchAll(/<Action Name="([^"]+)" IsBound="true">([\s\S]*?)<\/Action>/g)) {
    const parameters = [...match[2]!.matchAll(/<Parameter Name="([^"]+)" Type="([^"]+)"/g)].map((m) => [m[1]!, m[2]!] as const);
    const binding = parameters[0]?.[1].replace(/^graph\./, '') ?? '';
    const list = actions.get(match[1]!) ?? [];
    list.push({ binding, parameters: new Map(parameters.slice(1)) });
    actions.set(match[1]!, list);
  }
  return { types, actions };
}

function lookup(types: Map<string, CsdlType>, name: string, key: 'properties' | 'navigation', member: string): string | undefined {
  for (let type = types.get(name); type; type = type.base ? types.get(type.base) : undefined) {
    const found = type[key].get(member);
    if (found) return found;
  }
  return undefined;
}

function fits(schema: Json, edm: string): boolean {
  const collection = /^Collection\((.+)\)$/.exec(edm);
  if (collection) return schema.type === 'array' && fits(schema.items as Json, collection[1]!);
  if (schema.$ref) return edm === `graph.${String(schema.$ref).split('microsoft.graph.')[1]}`;
  switch (edm) {
    case 'Edm.String':
      return schema.type === 'string' && !schema.format;
    case 'Edm.Guid':
      return schema.type === 'string' && schema.format === 'uuid';
    case 'Edm.Boolean':
      return schema.type === 'boolean';
    case 'Edm.DateTimeOffset':
      return schema.type === 'string' && schema.format === 'date-time';
    case 'Edm.Binary':
      return schema.type === 'string' && schema.format === 'base64url';
    default:
      return false;
  }
}

describe.skipIf(!HAVE_CSDL)("the trimmed Graph description agrees with Microsoft's CSDL", () => {
  const spec = readOpenApi(GRAPH_TRIMMED.pathname) as Json;
  const { types, actions } = HAVE_CSDL ? readCsdl(readFileSync(CSDL, 'utf8')) : { types: new Map(), actions: new Map() };
  const graphSchemas = Object.entries(spec.components.schemas as Json).filter(([name]) => name.startsWith('microsoft.graph.'));

  it.each(graphSchemas.map(([name, schema]) => [name, schema] as const))('%s: every property is a Graph property of the same type', (name, schema) => {
    const typeName = name.replace('microsoft.graph.', '');
    expect(types.has(typeName), `${typeName} is not a type in the CSDL`).toBe(true);
    for (const [property, propertySchema] of Object.entries((schema as Json).properties as Json)) {
      // a complex type may hold entities as navigation properties (applicationServicePrincipal)
      const edm = lookup(types, typeName, 'properties', property) ?? lookup(types, typeName, 'navigation', property);
      expect(edm, `${typeName}.${property} is not in the CSDL`).toBeDefined();
      expect(fits(propertySchema as Json, edm!), `${typeName}.${property}: ${JSON.stringify(propertySchema)} does not fit ${edm}`).toBe(true);
    }
  });

  it('actions and navigation segments exist where the paths put them', () => {
    let checked = 0;
    for (const [path, item] of Object.entries(spec.paths as Json)) {
      for (const [method, operation] of Object.entries(item as Json)) {
        if (method === 'parameters') continue;
        const csdl = (operation as Json)['x-csdl'] as Json;
        expect(csdl, `${method} ${path} has no x-csdl`).toBeDefined();
        if (csdl.action) {
          const overloads = actions.get(csdl.action) ?? [];
          const bound = overloads.find((a: { binding: string }) => a.binding === csdl.binding);
          expect(bound, `${csdl.action} is not bound to ${csdl.binding}`).toBeDefined();
          const body = (operation as Json).requestBody.content['application/json'].schema.properties as Json;
          for (const [parameter, schema] of Object.entries(body)) {
            expect(bound!.parameters.has(parameter), `${csdl.action} has no parameter ${parameter}`).toBe(true);
            expect(fits(schema as Json, bound!.parameters.get(parameter)!)).toBe(true);
          }
          expect(path.endsWith(`/${csdl.action}`)).toBe(true);
        }
        if (csdl.navigation) {
          const [owner, segment] = csdl.navigation as [string, string];
          expect(lookup(types, owner, 'navigation', segment), `${owner}.${segment} is not a navigation property`).toBeDefined();
          expect(path).toContain(`/${segment}`);
        }
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(20);
  });
});
