import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { OpenAPIBackend, type Request as OpenApiRequest } from 'openapi-backend';
import { openApiSubset, type OperationRef } from './openapi-subset';

type Json = Record<string, unknown>;
const SPEC_ID = 'https://fake.invalid/openapi.json';
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

export interface IncomingCall {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

export interface CheckedCall {
  operationId: string;
  /** The operation's OAuth scopes as the description lists them (security requirements). */
  scopes: string[];
  /** The path parameters, by name. */
  params: Record<string, string>;
}

/** A request the description does not allow: the product sent something the real API would refuse. */
export class SpecViolation extends Error {
  override readonly name = 'SpecViolation';
}

/** Every `format` name used in a description (Auth0's copy uses private ones such as `callback-url`). */
function formatsIn(node: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const item of node) formatsIn(item, into);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'format' && typeof value === 'string') into.add(value);
      else formatsIn(value, into);
    }
  }
  return into;
}

/**
 * Adds the standard formats, and accepts any value for a publisher's private format (one no
 * published standard defines, so nothing can check it): Ajv would otherwise warn on every compile.
 */
function withFormats(ajv: Ajv, doc: Json): Ajv {
  addFormats(ajv);
  for (const name of formatsIn(doc)) if (!ajv.formats[name]) ajv.addFormat(name, true);
  return ajv;
}

function encodeDollar(path: string): string {
  return path.replace(/\$/g, '%24');
}

function describe(errors: Array<{ instancePath?: string; message?: string; params?: unknown }> | null | undefined): string {
  return (errors ?? [])
    .slice(0, 4)
    .map((e) => `${e.instancePath || '(body)'} ${e.message ?? ''} ${e.params ? JSON.stringify(e.params) : ''}`.trim())
    .join('; ');
}

/**
 * Validates every request a FAKE server receives against the publisher's OpenAPI description,
 * with openapi-backend (paths, parameters, bodies through Ajv). One gap of that validator is filled
 * here: a request body whose schema is a base schema with an OpenAPI `discriminator.mapping` and no
 * oneOf (Okta's Application → SamlApplication) is also validated against the mapped schema, as the
 * OpenAPI specification defines.
 */
export class SpecValidator {
  private readonly discriminated = new Map<string, ValidateFunction>();

  private constructor(
    private readonly api: OpenAPIBackend,
    private readonly doc: Json,
    private readonly ajv: Ajv,
  ) {}

  static async create(publisherDoc: Json, operations: readonly OperationRef[]): Promise<SpecValidator> {
    const doc = openApiSubset(publisherDoc, operations);
    // openapi-backend's router reads "$" in a path template as a pattern character (Graph's …/$ref):
    // both the description's paths and the request paths carry it percent-encoded instead.
    doc.paths = Object.fromEntries(Object.entries(doc.paths as Json).map(([path, item]) => [encodeDollar(path), item]));
    const api = new OpenAPIBackend({
      definition: structuredClone(doc) as never,
      quick: true,
      validate: true,
      ajvOpts: { strict: false },
      customizeAjv: (original) => withFormats(original, doc),
    });
    await api.init();
    const ajv = withFormats(new Ajv({ strict: false, allErrors: true, validateFormats: false }), doc);
    ajv.addSchema({ $id: SPEC_ID, components: doc.components });
    return new SpecValidator(api, doc, ajv);
  }

  check(call: IncomingCall): CheckedCall {
    const request: OpenApiRequest = {
      method: call.method.toLowerCase(),
      path: encodeDollar(call.path),
      query: call.query,
      headers: call.headers as Record<string, string | string[]>,
      body: call.body,
    };
    const operation = this.api.matchOperation(request);
    if (!operation) throw new SpecViolation(`${call.method} ${call.path} is not an operation of the description`);
    const result = this.api.validateRequest(request, operation);
    if (!result.valid) throw new SpecViolation(`${operation.operationId}: ${describe(result.errors)}`);
    this.checkDiscriminator(operation.method, operation.path, call.body);
    const security = (operation.security ?? (this.doc.security as Array<Record<string, string[]>> | undefined) ?? []) as Array<Record<string, string[]>>;
    const scopes = [...new Set(security.flatMap((requirement) => Object.values(requirement).flat()))];
    const params = this.api.router.parseRequest(request, operation).params as Record<string, string>;
    return { operationId: operation.operationId ?? `${operation.method} ${operation.path}`, scopes, params };
  }

  private checkDiscriminator(method: string, path: string, body: unknown): void {
    const operation = ((this.doc.paths as Json)[path] as Json)[method] as Json;
    const content = ((operation.requestBody as Json | undefined)?.content as Json | undefined)?.['application/json'] as Json | undefined;
    const ref = (content?.schema as Json | undefined)?.$ref;
    if (typeof ref !== 'string' || !body || typeof body !== 'object') return;
    const name = ref.split('/').pop()!;
    const schema = ((this.doc.components as Json).schemas as Json)[name] as Json;
    const discriminator = schema.discriminator as { propertyName: string; mapping?: Record<string, string> } | undefined;
    if (!discriminator?.mapping || schema.oneOf || schema.anyOf) return;
    const value = (body as Json)[discriminator.propertyName];
    const target = typeof value === 'string' ? discriminator.mapping[value] : undefined;
    if (!target)
      throw new SpecViolation(`${name}: ${discriminator.propertyName} "${String(value)}" is not one of ${Object.keys(discriminator.mapping).join(', ')}`);
    let validate = this.discriminated.get(target);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `${SPEC_ID}${target}` });
      this.discriminated.set(target, validate);
    }
    if (!validate(body)) throw new SpecViolation(`${target.split('/').pop()}: ${describe(validate.errors)}`);
  }
}
