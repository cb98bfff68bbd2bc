/**
 * Walks the HttpRecords of a capture one at a time and keeps only the digest: the SAML messages,
 * the pages and redirects around them, and counts of what should not be in the file. Values of
 * cookies, headers, form fields and page bodies are looked at here and dropped with the record.
 */
import { describeIdpErrorPage } from '../idps/error-pages';
import { MAX_RESPONSE_CHARS } from '../saml/input';
import {
  MAX_DIGEST_STEP_CHARS,
  MAX_DIGEST_XML_CHARS,
  MAX_MESSAGES,
  MAX_STEPS,
  type CaptureDigest,
  type CaptureFormat,
  type CaptureLimits,
  type CapturedMessage,
  type CaptureStep,
  type PrivacyObservations,
  type SamlBinding,
  type SamlParam,
} from './digest';
import { errorPageOf } from './formats';
import { formPairs, header, keptUrl, queryPairs, type HttpRecord } from './http-record';
import { decodeSamlParameter } from './saml-message';

const PASSWORD_NAME = /pass(word|wd|phrase|code)|passwd|pwd/i;
const PASSWORD_EXACT = /^(pass|pw|pin|otp|totp|secret)$/i;
const TOKEN_PARAM = /^(access_token|id_token|refresh_token|session_?token|auth_?token|token)$/i;
/** What SAML-tracer's export options put in place of a value. */
const MASKED_VALUE = /^\{(hash|obf):[^}]*\}$|^\{overwritten\}$/;

export function looksLikePasswordField(name: string): boolean {
  const last =
    name
      .split(/[.[\]]/)
      .filter(Boolean)
      .pop() ?? name;
  return PASSWORD_NAME.test(last) || PASSWORD_EXACT.test(last);
}

function isoOrNull(value: string | null): string | null {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

const ENTITY: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'" };

function htmlAttrDecode(value: string): string {
  return value
    .replace(/&#x([0-9a-f]{1,6});/gi, (_, hex: string) => String.fromCodePoint(Math.min(parseInt(hex, 16), 0x10ffff)))
    .replace(/&#(\d{1,7});/g, (_, dec: string) => String.fromCodePoint(Math.min(Number(dec), 0x10ffff)))
    .replace(/&([a-z]+|#39);/gi, (whole, name: string) => ENTITY[name.toLowerCase()] ?? whole);
}

function attribute(tag: string, name: string): string | null {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  if (!match) return null;
  return htmlAttrDecode(match[1] ?? match[2] ?? match[3] ?? '');
}

interface FormFound {
  action: string | null;
  method: string;
  fields: Array<[string, string]>;
}

/** The forms of a page that carry a SAML message (an IdP's or SP's auto-post page). */
function samlForms(html: string): FormFound[] {
  if (!html.includes('SAMLResponse') && !html.includes('SAMLRequest')) return [];
  const out: FormFound[] = [];
  for (const form of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const fields: Array<[string, string]> = [];
    for (const input of form[2]!.matchAll(/<input\b[^>]*>/gi)) {
      const name = attribute(input[0], 'name');
      if (name !== null) fields.push([name, attribute(input[0], 'value') ?? '']);
    }
    if (fields.some(([name]) => name === 'SAMLResponse' || name === 'SAMLRequest')) {
      out.push({ action: attribute(` ${form[1]}`, 'action'), method: (attribute(` ${form[1]}`, 'method') ?? 'GET').toUpperCase(), fields });
    }
  }
  return out;
}

export class CaptureCollector {
  private readonly steps: CaptureStep[] = [];
  private readonly messages: CapturedMessage[] = [];
  private xmlChars = 0;
  /** Characters the kept steps take (their URLs, mostly). */
  private stepChars = 0;
  private entries = 0;
  /** An AuthnRequest went out and no response has come back yet: pages now are the IdP's answer. */
  private awaitingResponse = false;
  private readonly privacy: PrivacyObservations = {
    cookieRequests: 0,
    cookieResponses: 0,
    authorizationHeaders: 0,
    authorizationSchemes: [],
    passwordFields: [],
    tokensInUrls: 0,
    responseBodies: 0,
  };
  private readonly limits: CaptureLimits = { truncated: false, skippedEntries: [], skippedEntryCount: 0, elidedBodies: 0, droppedSteps: 0, droppedMessages: 0 };

  /** An entry too large to read. */
  skipped(entry: number, chars: number): void {
    this.entries++;
    this.limits.skippedEntryCount++;
    if (this.limits.skippedEntries.length < 50) this.limits.skippedEntries.push({ entry, chars });
  }

  /** An entry that is not a request (no URL): counted, nothing else. */
  unreadable(): void {
    this.entries++;
  }

  add(record: HttpRecord): void {
    this.entries++;
    this.observePrivacy(record);
    const found = this.findMessages(record);
    let carried: SamlParam | null = null;
    for (const message of found) {
      if (message.source === 'request') carried ??= message.param;
      this.keepMessage(message);
      if (message.param === 'SAMLResponse') this.awaitingResponse = false;
      else if (message.xml?.includes('AuthnRequest')) this.awaitingResponse = true;
    }
    if (record.responseElided) this.limits.elidedBodies++;
    const status = record.status;
    const redirect = status !== null && status >= 300 && status < 400;
    const html = (record.responseMime ?? '').toLowerCase().includes('html');
    const page = record.document === true || (record.document === null && (html || record.method === 'POST'));
    const failed = status === 0 || (status !== null && status >= 400);
    if (!(page || redirect || carried || (failed && record.document !== false))) return;
    // Only the pages answering an AuthnRequest (the request itself included) are read for error messages.
    const match = this.awaitingResponse && carried !== 'SAMLResponse' ? errorPageOf(record) : null;
    const step: CaptureStep = {
      entry: record.entry,
      at: isoOrNull(record.at),
      method: record.method,
      url: keptUrl(record.url),
      status,
      redirectTo: record.redirectTo ? keptUrl(record.redirectTo) : null,
      serverDate: isoOrNull(header(record.responseHeaders, 'date')),
      document: page,
      errorPage: match ? { idp: match.idp, code: match.code, message: describeIdpErrorPage(match) } : null,
      saml: carried,
    };
    const size = step.url.length + (step.redirectTo?.length ?? 0) + (step.errorPage?.message.length ?? 0) + 200;
    if (this.steps.length < MAX_STEPS && this.stepChars + size <= MAX_DIGEST_STEP_CHARS) {
      this.steps.push(step);
      this.stepChars += size;
    } else this.limits.droppedSteps++;
  }

  finish(meta: { format: CaptureFormat; creator: string | null; exportedAt: string | null; truncated: boolean }): CaptureDigest {
    // A message seen both in the page that would post it and in the POST itself is kept once.
    const sent = new Set(this.messages.filter((m) => m.source === 'request' && m.xml !== null).map((m) => m.xml));
    const messages = this.messages.filter((m) => m.source === 'request' || m.xml === null || !sent.has(m.xml));
    return {
      format: meta.format,
      creator: meta.creator,
      entries: this.entries,
      exportedAt: isoOrNull(meta.exportedAt),
      steps: this.steps,
      messages,
      privacy: this.privacy,
      limits: { ...this.limits, truncated: meta.truncated },
    };
  }

  private keepMessage(message: CapturedMessage): void {
    const size = message.xml?.length ?? 0;
    if (this.messages.length >= MAX_MESSAGES || this.xmlChars + size > MAX_DIGEST_XML_CHARS) {
      this.limits.droppedMessages++;
      return;
    }
    this.xmlChars += size;
    this.messages.push(message);
  }

  private findMessages(record: HttpRecord): CapturedMessage[] {
    const out: CapturedMessage[] = [];
    const serverDate = isoOrNull(header(record.responseHeaders, 'date'));
    const base = { entry: record.entry, method: record.method, url: keptUrl(record.url), at: isoOrNull(record.at), serverDate };
    const fromPairs = (pairs: Array<[string, string]>, binding: SamlBinding, source: CapturedMessage['source'], extra: Partial<CapturedMessage> = {}) => {
      const relay = pairs.find(([name]) => name === 'RelayState')?.[1] ?? null;
      for (const param of ['SAMLRequest', 'SAMLResponse'] as const) {
        const value = pairs.find(([name]) => name === param)?.[1];
        if (value === undefined) continue;
        let decoded = decodeSamlParameter(value, binding);
        // SAML-tracer's hash/obfuscate export options replace the parameter; its own decoding is still there.
        if (!decoded.ok && record.tracerSaml !== null && record.tracerSaml.trim().startsWith('<') && record.tracerSaml.length <= MAX_RESPONSE_CHARS) {
          decoded = { ok: true, xml: record.tracerSaml.trim(), deflated: binding === 'http-redirect' };
        }
        out.push({
          ...base,
          param,
          binding,
          source,
          relayState: relay === null || MASKED_VALUE.test(relay) ? null : relay.slice(0, 4000),
          deflated: decoded.ok ? decoded.deflated : false,
          xml: decoded.ok ? decoded.xml : null,
          problem: decoded.ok ? null : decoded.problem,
          ...extra,
        });
      }
    };
    const query = queryPairs(record.url);
    if (query.some(([name]) => name === 'SAMLRequest' || name === 'SAMLResponse')) fromPairs(query, 'http-redirect', 'request');
    if (record.formFields?.some(([name]) => name === 'SAMLRequest' || name === 'SAMLResponse')) fromPairs(record.formFields, 'http-post', 'request');
    if (out.length === 0 && record.tracerSaml !== null && record.tracerSaml.trim().startsWith('<') && record.tracerSaml.length <= MAX_RESPONSE_CHARS) {
      // A SAML-tracer entry whose parameters are gone (e.g. a body it could not parse): its decoded message.
      const xml = record.tracerSaml.trim();
      out.push({
        ...base,
        param: /^<(?:[\w-]+:)?Response\b/.test(xml.replace(/^<\?xml[^>]*\?>\s*/, '')) ? 'SAMLResponse' : 'SAMLRequest',
        binding: record.method === 'GET' ? 'http-redirect' : 'http-post',
        source: 'request',
        relayState: null,
        deflated: record.method === 'GET',
        xml,
        problem: null,
      });
    }
    if (record.responseText !== null) {
      for (const form of samlForms(record.responseText)) {
        const target = form.action ? safeResolve(form.action, record.url) : record.url;
        fromPairs(form.fields, form.method === 'POST' ? 'http-post' : 'http-redirect', 'form-page', {
          url: keptUrl(target),
          method: form.method,
          at: null,
          serverDate: null,
        });
      }
    }
    return out;
  }

  private observePrivacy(record: HttpRecord): void {
    const p = this.privacy;
    if (record.requestCookieCount > 0 || realCookies(header(record.requestHeaders, 'cookie'))) p.cookieRequests++;
    if (record.responseCookieCount > 0 || realCookies(header(record.responseHeaders, 'set-cookie'))) p.cookieResponses++;
    const authorization = header(record.requestHeaders, 'authorization') ?? header(record.requestHeaders, 'proxy-authorization');
    if (authorization) {
      p.authorizationHeaders++;
      const scheme = /^([A-Za-z][A-Za-z0-9-]{0,29})\b/.exec(authorization.trim())?.[1];
      if (scheme && !p.authorizationSchemes.includes(scheme) && p.authorizationSchemes.length < 10) p.authorizationSchemes.push(scheme);
    }
    const fields = [...(record.formFields ?? []), ...bodyFields(record.bodyText)];
    for (const [name, value] of fields) {
      if (value === '' || !looksLikePasswordField(name)) continue;
      if (p.passwordFields.length >= 20) break;
      const url = keptUrl(record.url);
      const masked = !record.bodyValuesReal || MASKED_VALUE.test(value);
      if (!p.passwordFields.some((f) => f.url === url && f.field === name && f.masked === masked))
        p.passwordFields.push({ url, field: name.slice(0, 100), masked });
    }
    const hash = record.url.indexOf('#');
    const fragment = hash >= 0 ? formPairs(record.url.slice(hash + 1)) : [];
    if ([...queryPairs(record.url), ...fragment].some(([name, value]) => value !== '' && TOKEN_PARAM.test(name))) p.tokensInUrls++;
    if (record.responseBodyPresent) p.responseBodies++;
  }
}

/** A Cookie or Set-Cookie value with at least one value the exporting tool did not replace. */
function realCookies(value: string | null): boolean {
  if (!value) return false;
  return value.split(/[;\n]/).some((part) => {
    const eq = part.indexOf('=');
    const v = eq < 0 ? '' : part.slice(eq + 1).trim();
    return v !== '' && !MASKED_VALUE.test(v);
  });
}

function safeResolve(target: string, base: string): string {
  try {
    return new URL(target, base).href;
  } catch {
    return target;
  }
}

/** Name/value pairs of a JSON or multipart body, enough to spot a password field (bounded). */
function bodyFields(text: string | null): Array<[string, string]> {
  if (text === null) return [];
  const sample = text.length > 200_000 ? text.slice(0, 200_000) : text;
  const out: Array<[string, string]> = [];
  for (const match of sample.matchAll(/"([^"\\]{1,60})"\s*:\s*"((?:[^"\\]|\\.)*)"/g)) out.push([match[1]!, match[2]!]);
  for (const match of sample.matchAll(/name="([^"]{1,60})"\r?\n(?:[^\r\n]+\r?\n)*\r?\n([^\r\n]*)/g)) out.push([match[1]!, match[2]!]);
  return out;
}
