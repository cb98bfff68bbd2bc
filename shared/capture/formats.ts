/**
 * The two capture formats, each reduced to HttpRecords.
 *
 * HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/, as Chromium, Edge, Firefox and
 * Playwright write it): `log.entries[]` with `startedDateTime`, `request {method, url, headers[],
 * cookies[], queryString[], postData {mimeType, text, params[]}}`, `response {status, headers[],
 * cookies[], content {mimeType, text, encoding}, redirectURL}`. Bodies may be base64
 * (`content.encoding: "base64"`). Chromium marks navigations with `_resourceType: "document"`;
 * every browser also sends `Sec-Fetch-Dest: document`. `postData.params` values are decoded by
 * Playwright and may still be percent-encoded by other exporters, so `text` is preferred.
 *
 * SAML-tracer's export (what this relies on, read from the extension's source, repository
 * simplesamlphp/SAML-tracer, src/SAMLTraceIO.js `exportRequests` and src/SAMLTrace.js
 * `SAMLTrace.Request`): `{ requests: [...], timestamp: ISO }`, each request being the JSON of a
 * SAMLTrace.Request: `method`, `url`, `requestId`, `requestHeaders` ([{name, value}]; exports older
 * than 1.0 have [[name, value]] and `id`), `get` ([[name, value]], decoded, GET only), `post`
 * ([[name, value]], decoded), `postData` (the browser's formData object, or "{overwritten}"),
 * `protocol` ("SAML-P"), `saml` (the decoded XML: inflated for GET, base64-decoded for POST),
 * `samlart`, and from the response `responseStatus`, `responseStatusText`, `responseHeaders`.
 * There is no time per request (only the response's Date header) and no body. The export dialog's
 * "hash" and "obfuscate" options replace every `post` value with `{hash:…}` / `{obf:…}` and cookie
 * values likewise, but leave `saml` (the decoded message) as it is.
 */
import { recogniseIdpErrorPage } from '../idps/error-pages';
import { decodeBase64, decodeText } from '../saml/input';
import { arr, formPairs, header, headerList, num, obj, str, type Header, type HttpRecord } from './http-record';
import { elidedLength } from './json-scan';

/** Largest page body kept for reading (IdP error pages and auto-post forms are small). */
const MAX_PAGE_BODY_CHARS = 1_000_000;

const DOCUMENT_DESTS = new Set(['document', 'iframe', 'frame']);

function isDocument(resourceType: unknown, headers: readonly Header[]): boolean | null {
  if (typeof resourceType === 'string') return resourceType === 'document' || resourceType === 'iframe';
  const dest = header(headers, 'sec-fetch-dest');
  return dest === null ? null : DOCUMENT_DESTS.has(dest.toLowerCase());
}

function isForm(mime: string): boolean {
  return mime.toLowerCase().startsWith('application/x-www-form-urlencoded');
}

function resolve(target: string | null, base: string): string | null {
  if (!target) return null;
  try {
    return new URL(target, base).href;
  } catch {
    return target;
  }
}

const PERCENT_ESCAPE = /%[0-9A-Fa-f]{2}/;

/** HAR `postData.params`: decoded (Playwright) or still percent-encoded (other exporters). */
function paramPairs(params: unknown): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const item of arr(params)) {
    const o = obj(item);
    const name = str(o?.name);
    if (name === null) continue;
    const value = str(o?.value) ?? '';
    out.push([name, PERCENT_ESCAPE.test(value) ? (formPairs(`x=${value}`)[0]?.[1] ?? value) : value]);
  }
  return out;
}

export function harEntryRecord(entry: unknown, index: number): HttpRecord | null {
  const e = obj(entry);
  const request = obj(e?.request);
  const url = str(request?.url);
  if (!e || !request || !url) return null;
  const response = obj(e.response);
  const requestHeaders = headerList(request.headers);
  const responseHeaders = headerList(response?.headers);
  const postData = obj(request.postData);
  const bodyMime = str(postData?.mimeType) ?? header(requestHeaders, 'content-type') ?? '';
  const text = postData?.text;
  let formFields: HttpRecord['formFields'] = null;
  let bodyText: string | null = null;
  if (isForm(bodyMime)) {
    if (typeof text === 'string' && text !== '' && elidedLength(text) === null) formFields = formPairs(text);
    else if (arr(postData?.params).length > 0) formFields = paramPairs(postData?.params);
  } else if (typeof text === 'string' && elidedLength(text) === null && text !== '') {
    bodyText = text;
  }

  const content = obj(response?.content);
  const responseMime = str(content?.mimeType) ?? header(responseHeaders, 'content-type');
  const document = isDocument(e._resourceType, requestHeaders);
  const body = content?.text;
  let responseText: string | null = null;
  let responseElided = false;
  const responseBodyPresent = typeof body === 'string' && body !== '';
  if (typeof body === 'string' && body !== '') {
    if (elidedLength(body) !== null) responseElided = true;
    else if ((responseMime ?? '').toLowerCase().includes('html') && document !== false) {
      if (str(content?.encoding)?.toLowerCase() === 'base64') {
        const bytes = body.length <= MAX_PAGE_BODY_CHARS * 1.4 ? decodeBase64(body) : null;
        responseText = bytes ? decodeText(bytes) : null;
      } else responseText = body;
      if (responseText !== null && responseText.length > MAX_PAGE_BODY_CHARS) {
        responseText = null;
        responseElided = true;
      }
    }
  }
  const redirect = str(response?.redirectURL) || header(responseHeaders, 'location');
  return {
    entry: index,
    at: str(e.startedDateTime),
    method: (str(request.method) ?? 'GET').toUpperCase().slice(0, 16),
    url,
    requestHeaders,
    requestCookieCount: arr(request.cookies).length,
    formFields,
    bodyText,
    bodyValuesReal: true,
    status: num(response?.status),
    responseHeaders,
    responseCookieCount: arr(response?.cookies).length,
    redirectTo: resolve(redirect, url),
    responseText,
    responseMime,
    responseElided,
    responseBodyPresent,
    document,
    tracerSaml: null,
  };
}

/** SAML-tracer's [[name, value]] lists (GET/POST parameters; headers of exports older than 1.0). */
function pairList(value: unknown): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const item of arr(value)) {
    if (!Array.isArray(item)) continue;
    const name = str(item[0]);
    if (name !== null) out.push([name, str(item[1]) ?? '']);
  }
  return out;
}

function tracerHeaders(value: unknown): Header[] {
  const list = headerList(value);
  if (list.length > 0) return list;
  return pairList(value).map(([name, v]) => ({ name, value: v }));
}

export function samlTracerRecord(request: unknown, index: number): HttpRecord | null {
  const r = obj(request);
  const url = str(r?.url);
  if (!r || !url) return null;
  const method = (str(r.method) ?? 'GET').toUpperCase().slice(0, 16);
  const requestHeaders = tracerHeaders(r.requestHeaders);
  const responseHeaders = tracerHeaders(r.responseHeaders);
  const post = pairList(r.post);
  const status = num(r.responseStatus) ?? (typeof r.responseStatus === 'string' && /^\d{3}$/.test(r.responseStatus) ? Number(r.responseStatus) : null);
  return {
    entry: index,
    at: null,
    method,
    url,
    requestHeaders,
    requestCookieCount: 0,
    formFields: method === 'POST' && post.length > 0 ? post : null,
    bodyText: null,
    bodyValuesReal: true,
    status,
    responseHeaders,
    responseCookieCount: 0,
    redirectTo: resolve(header(responseHeaders, 'location'), url),
    responseText: null,
    responseMime: header(responseHeaders, 'content-type'),
    responseElided: false,
    responseBodyPresent: false,
    document: isDocument(undefined, requestHeaders),
    tracerSaml: str(r.saml),
  };
}

/** The IdP error page a record's body shows, as one sentence; null when it is not one. */
export function errorPageOf(record: HttpRecord): ReturnType<typeof recogniseIdpErrorPage> {
  return record.responseText === null ? null : recogniseIdpErrorPage(record.responseText);
}
