/**
 * Captures built in code, to the formats' published shapes, for what a browser here cannot
 * produce: Firefox-style HARs, SAML-tracer exports (the shape read from the extension's source,
 * see shared/capture/formats.ts), very large files for the bench, and bad inputs. The SAML
 * responses in them are real: signed by samlp with a test key.
 */
import { createRequire } from 'node:module';
import { deflateRawSync } from 'node:zlib';

const require = createRequire(import.meta.url);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const samlp = require('samlp') as any;

export interface SignedResponseInput {
  key: { certPem: string; keyPem: string };
  issuer: string;
  acsUrl: string;
  audience: string;
  inResponseTo?: string;
  email: string;
  fullName?: string;
  roles?: string[];
}

/** A response signed by samlp (response and assertion, SHA-256), as an IdP posts it. */
export function signedResponse(input: SignedResponseInput): Promise<string> {
  return new Promise((resolve, reject) => {
    samlp.getSamlResponse(
      {
        issuer: input.issuer,
        cert: input.key.certPem,
        key: input.key.keyPem,
        audience: input.audience,
        recipient: input.acsUrl,
        destination: input.acsUrl,
        inResponseTo: input.inResponseTo,
        signResponse: true,
        signatureAlgorithm: 'rsa-sha256',
        digestAlgorithm: 'sha256',
        lifetimeInSeconds: 3600,
        includeAttributeNameFormat: true,
        profileMapper: () => ({
          getClaims: () => ({ email: input.email, full_name: input.fullName ?? 'Test User', roles: input.roles ?? ['agent'] }),
          getNameIdentifier: () => ({ nameIdentifier: input.email, nameIdentifierFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress' }),
        }),
      },
      {},
      (error: Error | null, xml: string) => (error ? reject(error) : resolve(xml)),
    );
  });
}

export function authnRequestXml(input: { id: string; issuer: string; acsUrl: string; destination: string; issueInstant?: string }): string {
  return `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${input.id}" Version="2.0" IssueInstant="${input.issueInstant ?? new Date().toISOString()}" Destination="${input.destination}" AssertionConsumerServiceURL="${input.acsUrl}" ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"><saml:Issuer>${input.issuer}</saml:Issuer></samlp:AuthnRequest>`;
}

/** HTTP-Redirect encoding: raw DEFLATE, then base64. */
export function deflatedBase64(xml: string): string {
  return deflateRawSync(Buffer.from(xml, 'utf8')).toString('base64');
}

export function base64(xml: string): string {
  return Buffer.from(xml, 'utf8').toString('base64');
}

export interface HarEntryInput {
  at: Date;
  method?: string;
  url: string;
  status?: number;
  /** A form body: sent as postData.text (and params), or params only (`paramsOnly`). */
  form?: Array<[string, string]>;
  paramsOnly?: boolean;
  requestHeaders?: Array<[string, string]>;
  responseHeaders?: Array<[string, string]>;
  body?: string;
  bodyMime?: string;
  /** Store the body base64 (content.encoding), as DevTools does for binary content. */
  bodyBase64?: boolean;
  redirectTo?: string;
  document?: boolean;
}

const form = (pairs: Array<[string, string]>) => pairs.map(([n, v]) => `${encodeURIComponent(n)}=${encodeURIComponent(v)}`).join('&');

/** One HAR 1.2 entry, shaped like Firefox writes it (no _resourceType; Sec-Fetch-Dest tells navigations). */
export function harEntry(input: HarEntryInput): Record<string, unknown> {
  const headers = [...(input.requestHeaders ?? []), ...(input.document === false ? [['Sec-Fetch-Dest', 'script']] : [['Sec-Fetch-Dest', 'document']])].map(
    ([name, value]) => ({ name, value }),
  );
  const body = input.body ?? '';
  return {
    pageref: 'page_1',
    startedDateTime: input.at.toISOString(),
    time: 12,
    request: {
      bodySize: input.form ? form(input.form).length : 0,
      method: input.method ?? (input.form ? 'POST' : 'GET'),
      url: input.url,
      httpVersion: 'HTTP/1.1',
      headers,
      cookies: [],
      queryString: [],
      headersSize: 400,
      ...(input.form
        ? {
            postData: {
              mimeType: 'application/x-www-form-urlencoded',
              params: input.form.map(([name, value]) => ({ name, value })),
              ...(input.paramsOnly ? {} : { text: form(input.form) }),
            },
          }
        : {}),
    },
    response: {
      status: input.status ?? 200,
      statusText: 'OK',
      httpVersion: 'HTTP/1.1',
      headers: [['Date', input.at.toUTCString()], ...(input.responseHeaders ?? [])].map(([name, value]) => ({ name, value })),
      cookies: [],
      content: {
        mimeType: input.bodyMime ?? 'text/html; charset=utf-8',
        size: body.length,
        ...(body ? { text: input.bodyBase64 ? Buffer.from(body, 'utf8').toString('base64') : body, ...(input.bodyBase64 ? { encoding: 'base64' } : {}) } : {}),
      },
      redirectURL: input.redirectTo ?? '',
      headersSize: 300,
      bodySize: body.length,
    },
    cache: {},
    timings: { blocked: 0, dns: 0, connect: 0, ssl: 0, send: 0, wait: 10, receive: 2 },
  };
}

export function har(entries: Array<Record<string, unknown>>, creator = { name: 'Firefox', version: '140.0' }): Record<string, unknown> {
  return {
    log: {
      version: '1.2',
      creator,
      browser: creator,
      pages: [{ startedDateTime: new Date().toISOString(), id: 'page_1', title: 'Sign in', pageTimings: {} }],
      entries,
    },
  };
}

export interface TracerRequestInput {
  method: 'GET' | 'POST';
  url: string;
  post?: Array<[string, string]>;
  saml?: string;
  status?: number;
  requestHeaders?: Array<[string, string]>;
  responseHeaders?: Array<[string, string]>;
}

/** One request of a SAML-tracer export, as SAMLTrace.Request serialises (src/SAMLTrace.js). */
export function tracerRequest(input: TracerRequestInput, index: number): Record<string, unknown> {
  const get = input.method === 'GET' ? [...new URL(input.url).searchParams.entries()] : undefined;
  const postData = input.post ? Object.fromEntries(input.post.map(([n, v]) => [n, [v]])) : undefined;
  const samlParam = [...(get ?? []), ...(input.post ?? [])].some(([n]) => n === 'SAMLRequest' || n === 'SAMLResponse');
  return {
    method: input.method,
    url: input.url,
    requestId: String(1000 + index),
    requestHeaders: (input.requestHeaders ?? [['Accept', 'text/html']]).map(([name, value]) => ({ name, value })),
    ...(get ? { get } : {}),
    ...(postData ? { postData, post: input.post } : {}),
    ...(samlParam ? { protocol: 'SAML-P' } : {}),
    ...(input.saml ? { saml: input.saml } : {}),
    responseStatus: input.status ?? 200,
    responseStatusText: `HTTP/1.1 ${input.status ?? 200} ${input.status === 302 ? 'Found' : 'OK'}`,
    responseHeaders: (input.responseHeaders ?? []).map(([name, value]) => ({ name, value })),
  };
}

/**
 * A SAML-tracer export. `filter` applies the export dialog's cookie/POST profiles the way
 * src/filters.js does: "hash" replaces every POST value and cookie value with {hash:…}, "obfuscate"
 * with {obf:alternative_N}; `postData` becomes "{overwritten}". The decoded `saml` is kept.
 */
export function samlTracerExport(requests: TracerRequestInput[], filter: 'none' | 'hash' | 'obfuscate' = 'none'): Record<string, unknown> {
  const out = requests.map((r, i) => tracerRequest(r, i));
  if (filter !== 'none') {
    let n = 0;
    const mask = () => (filter === 'hash' ? `{hash:${(n++).toString(16).padStart(40, 'a')}}` : `{obf:alternative_${n++}}`);
    for (const r of out) {
      if (Array.isArray(r.post)) r.post = (r.post as Array<[string, string]>).map(([name, value]) => [name, value ? mask() : value]);
      if (r.postData) r.postData = '{overwritten}';
      for (const list of [r.requestHeaders, r.responseHeaders] as Array<Array<{ name: string; value: string }>>) {
        for (const h of list) {
          if (/^(set-)?cookie$/i.test(h.name))
            h.value = h.value
              .split(';')
              .map((part) => (part.includes('=') ? `${part.split('=')[0]}=${mask()}` : part))
              .join(';');
        }
      }
    }
  }
  return { requests: out, timestamp: new Date().toISOString() };
}
