/**
 * One HTTP request and its answer, as both capture formats (HAR, SAML-tracer) are reduced to before
 * the collector looks at them. Values live here only while one entry is being looked at.
 */
import { elidedLength } from './json-scan';

export interface Header {
  name: string;
  value: string;
}

export interface HttpRecord {
  entry: number;
  /** ISO time the browser sent it; null when the format does not say. */
  at: string | null;
  method: string;
  url: string;
  requestHeaders: Header[];
  /** HAR's parsed request cookies (the Cookie header says the same). */
  requestCookieCount: number;
  /** The request body's form fields, decoded, when it is a form. */
  formFields: Array<[string, string]> | null;
  /** The request body as text, when there is one and it is not a form. */
  bodyText: string | null;
  /** False when the body's values were replaced by the exporting tool (SAML-tracer's hash/obfuscate options). */
  bodyValuesReal: boolean;
  status: number | null;
  responseHeaders: Header[];
  responseCookieCount: number;
  redirectTo: string | null;
  /** The response body as text (pages only, bounded); null when absent or not kept. */
  responseText: string | null;
  responseMime: string | null;
  /** True when the body was in the file but too large to read. */
  responseElided: boolean;
  /** True when the file holds a response body at all. */
  responseBodyPresent: boolean;
  /** A navigation (document or frame), when the file says so; null when it does not. */
  document: boolean | null;
  /** SAML-tracer only: the message it decoded itself. */
  tracerSaml: string | null;
}

export function str(value: unknown): string | null {
  return typeof value === 'string' && elidedLength(value) === null ? value : null;
}

export function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function obj(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

export function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** `[{name, value}]` lists (HAR headers, SAML-tracer headers), skipping malformed items. */
export function headerList(value: unknown): Header[] {
  const out: Header[] = [];
  for (const item of arr(value)) {
    const o = obj(item);
    const name = str(o?.name);
    if (name === null) continue;
    out.push({ name, value: str(o?.value) ?? '' });
  }
  return out;
}

export function header(headers: readonly Header[], name: string): string | null {
  const lower = name.toLowerCase();
  for (const h of headers) if (h.name.toLowerCase() === lower) return h.value;
  return null;
}

function formDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** Every name=value pair of an x-www-form-urlencoded text, decoded (a bad escape is kept as it is). */
export function formPairs(body: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const part of body.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    out.push([formDecode(eq < 0 ? part : part.slice(0, eq)), formDecode(eq < 0 ? '' : part.slice(eq + 1))]);
  }
  return out;
}

/** A URL's query parameters, decoded; [] when the URL does not parse. */
export function queryPairs(url: string): Array<[string, string]> {
  const q = url.indexOf('?');
  if (q < 0) return [];
  const hash = url.indexOf('#', q);
  return formPairs(url.slice(q + 1, hash < 0 ? undefined : hash));
}

/** Query parameters that identify a Twilio SSO connection and may stay in what is kept. */
const KEPT_PARAMS = new Set(['connection', 'spentityid']);

/**
 * The URL as the digest keeps it: origin and path, plus only the parameters that name a Twilio
 * connection. Query strings and fragments can carry tokens and personal data; user:password@ too.
 */
export function keptUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url.split(/[?#]/)[0]!.slice(0, 2000);
  }
  const kept = [...parsed.searchParams.entries()].filter(([name]) => KEPT_PARAMS.has(name));
  const query = kept.length ? `?${kept.map(([n, v]) => `${encodeURIComponent(n)}=${encodeURIComponent(v)}`).join('&')}` : '';
  const origin = parsed.origin !== 'null' ? parsed.origin : `${parsed.protocol}//${parsed.host}`;
  return `${origin}${parsed.pathname}${query}`.slice(0, 4000);
}
