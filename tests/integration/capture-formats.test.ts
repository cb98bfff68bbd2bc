/**
 * Capture formats a browser here cannot produce, built to their published shapes with responses
 * signed by samlp: Firefox-style HARs (params-only bodies, base64 pages, a response only in the
 * IdP's auto-post page, a redirect message that was not deflated) and SAML-tracer exports (as its
 * source serialises them, with each of its export filters, and in the pre-1.0 header form).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeCapture } from '../../electron/services/capture';
import { readCaptureText } from '../../shared/capture/reader';
import type { CaptureReport } from '../../shared/capture/report';
import { spValues } from '../../shared/domain/modes';
import { createTestSigningKey, type TestSigningKey } from '../support/idps';
import { authnRequestXml, base64, deflatedBase64, har, harEntry, samlTracerExport, signedResponse, type TracerRequestInput } from '../support/captures/build';

const CONNECTION = 'JQabcdefabcdefabcdefabcdefabcdef12';
const SP = spValues('flex-enhanced', { connectionId: CONNECTION });
const IDP = 'https://idp.example.com';
const ISSUER = 'https://idp.example.com/saml';

async function diagnose(document: unknown, judgement: Parameters<typeof analyzeCapture>[1] = {}): Promise<CaptureReport> {
  const read = readCaptureText(JSON.stringify(document), 997);
  if (!read.ok) throw new Error(read.message);
  return analyzeCapture(read.digest, judgement, { redact: true });
}

describe('capture formats built to their published shapes', () => {
  let key: TestSigningKey;
  let responseXml: string;
  const requestId = '_a1b2c3d4e5f60718293a4b5c6d7e8f9001';
  const start = new Date();
  const t = (seconds: number) => new Date(start.getTime() + seconds * 1000);
  const requestXml = () => authnRequestXml({ id: requestId, issuer: SP.entityId, acsUrl: SP.acsUrl, destination: `${IDP}/sso` });

  beforeAll(async () => {
    key = createTestSigningKey();
    responseXml = await signedResponse({
      key,
      issuer: ISSUER,
      acsUrl: SP.acsUrl,
      audience: SP.entityId,
      inResponseTo: requestId,
      email: 'lin@example.com',
      fullName: 'Lin Example',
    });
  });
  afterAll(() => key?.dispose());

  const loginPage = '<!doctype html><form method="post" action="/login"><input name="username"><input name="passwd" type="password"></form>';
  const autoPost = (xml: string) =>
    `<!doctype html><body onload="document.forms[0].submit()"><form method="POST" action="${SP.acsUrl.replace(/&/g, '&amp;')}"><input type="hidden" name="SAMLResponse" value="${base64(xml)}"/><input type="hidden" name="RelayState" value="r&amp;1"/></form></body>`;

  it('a Firefox-style HAR: deflated redirect request, params-only POST, base64 page bodies; paired and judged ok', async () => {
    const document = har([
      harEntry({
        at: t(0),
        url: `${IDP}/sso?SAMLRequest=${encodeURIComponent(deflatedBase64(requestXml()))}&RelayState=r%261`,
        body: loginPage,
        bodyBase64: true,
      }),
      harEntry({
        at: t(5),
        url: `${IDP}/login`,
        form: [
          ['username', 'lin'],
          ['passwd', 'not-to-be-kept'],
        ],
        requestHeaders: [['Cookie', 'idp=1']],
        body: autoPost(responseXml),
        bodyBase64: true,
      }),
      harEntry({
        at: t(6),
        url: SP.acsUrl,
        form: [
          ['SAMLResponse', base64(responseXml)],
          ['RelayState', 'r&1'],
        ],
        paramsOnly: true,
        status: 302,
        redirectTo: 'https://flex.twilio.com/',
      }),
    ]);
    const report = await diagnose(document, { mode: 'flex-enhanced', ids: { connectionId: CONNECTION }, idpCertPem: key.certPem, idpIssuer: ISSUER });
    expect(report.source).toMatchObject({ format: 'har', creator: 'Firefox 140.0', entries: 3 });
    expect(report.exchanges).toHaveLength(1);
    const [exchange] = report.exchanges;
    expect(exchange!.request).toMatchObject({ id: requestId, binding: 'http-redirect', deflated: true, relayState: 'r&1', sentTo: `${IDP}/sso` });
    expect(exchange!.response).toMatchObject({ binding: 'http-post', source: 'request', relayState: 'r&1', postedAgain: 0 });
    expect(exchange!.verdict).toBe('ok');
    expect(report.privacy.notices.find((n) => n.kind === 'password')?.message).toContain('the field "passwd" sent to https://idp.example.com/login');
    expect(JSON.stringify(report)).not.toContain('not-to-be-kept');
  });

  it("a response seen only in the IdP's auto-post page (the POST is missing) is still found, marked as such", async () => {
    const document = har([harEntry({ at: t(0), url: `${IDP}/login`, form: [['username', 'lin']], body: autoPost(responseXml) })]);
    const report = await diagnose(document, { idpCertPem: key.certPem });
    expect(report.exchanges).toHaveLength(1);
    expect(report.exchanges[0]!.response).toMatchObject({ source: 'form-page', sentTo: SP.acsUrl, relayState: 'r&1' });
    expect(report.exchanges[0]!.verdict).toBe('ok');
  });

  it('a redirect-bound message that was not deflated is read and reported as such', async () => {
    const document = har([harEntry({ at: t(0), url: `${IDP}/sso?SAMLRequest=${encodeURIComponent(base64(requestXml()))}`, body: loginPage })]);
    const report = await diagnose(document);
    expect(report.exchanges[0]!.request).toMatchObject({ binding: 'http-redirect', deflated: false, id: requestId });
    expect(report.exchanges[0]!.findings.map((f) => f.code)).toEqual(['capture-no-response']);
  });

  const tracerLogin = (): TracerRequestInput[] => [
    {
      method: 'GET',
      url: `${IDP}/sso?SAMLRequest=${encodeURIComponent(deflatedBase64(requestXml()))}&RelayState=tr`,
      saml: requestXml(),
      responseHeaders: [
        ['Date', t(0).toUTCString()],
        ['Content-Type', 'text/html'],
      ],
    },
    {
      method: 'POST',
      url: `${IDP}/login`,
      post: [
        ['username', 'lin'],
        ['password', 'tracer-secret-pw'],
      ],
      requestHeaders: [['Cookie', 'idp=abc; other=1']],
      responseHeaders: [
        ['Date', t(5).toUTCString()],
        ['Set-Cookie', 'idp=def'],
      ],
    },
    {
      method: 'POST',
      url: SP.acsUrl,
      post: [
        ['SAMLResponse', base64(responseXml)],
        ['RelayState', 'tr'],
      ],
      saml: responseXml,
      status: 302,
      responseHeaders: [
        ['Date', t(6).toUTCString()],
        ['Location', 'https://flex.twilio.com/'],
      ],
    },
  ];

  it.each(['none', 'hash', 'obfuscate'] as const)('a SAML-tracer export (%s filter): paired, judged, timed by the Date headers', async (filter) => {
    const report = await diagnose(samlTracerExport(tracerLogin(), filter), {
      mode: 'flex-enhanced',
      ids: { connectionId: CONNECTION },
      idpCertPem: key.certPem,
    });
    expect(report.source.format).toBe('saml-tracer');
    expect(report.exchanges).toHaveLength(1);
    const [exchange] = report.exchanges;
    expect(exchange!.kind).toBe('sp-initiated');
    expect(exchange!.response!.at).toBe(new Date(Math.floor(t(6).getTime() / 1000) * 1000).toISOString());
    expect(exchange!.verdict).toBe('ok');
    expect(exchange!.response!.relayState).toBe(filter === 'none' ? 'tr' : null);
    const kinds = report.privacy.notices.map((n) => n.kind);
    expect(kinds).toContain(filter === 'none' ? 'password' : 'masked-password');
    // The export filters replace cookie values too: then the file holds no usable cookie.
    if (filter === 'none') expect(kinds).toContain('cookies');
    else expect(kinds).not.toContain('cookies');
    expect(JSON.stringify(report)).not.toContain('tracer-secret-pw');
  });

  it('a SAML-tracer export older than 1.0 (headers as [name, value] pairs, `id` instead of `requestId`)', async () => {
    const document = samlTracerExport(tracerLogin()) as { requests: Array<Record<string, unknown>> };
    for (const request of document.requests) {
      request.id = request.requestId;
      delete request.requestId;
      request.requestHeaders = (request.requestHeaders as Array<{ name: string; value: string }>).map((h) => [h.name, h.value]);
      request.responseHeaders = (request.responseHeaders as Array<{ name: string; value: string }>).map((h) => [h.name, h.value]);
    }
    const report = await diagnose(document, { idpCertPem: key.certPem });
    expect(report.exchanges[0]!.verdict).toBe('ok');
    expect(report.exchanges[0]!.response!.at).not.toBeNull();
  });

  it('a redirect loop in a SAML-tracer export (no times: round trips that follow each other)', async () => {
    const requests: TracerRequestInput[] = [];
    for (let i = 0; i < 3; i++) {
      const id = `_loop${i}aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa`;
      const xml = await signedResponse({ key, issuer: ISSUER, acsUrl: SP.acsUrl, audience: SP.entityId, inResponseTo: id, email: 'lin@example.com' });
      const request = authnRequestXml({ id, issuer: SP.entityId, acsUrl: SP.acsUrl, destination: `${IDP}/sso` });
      requests.push({ method: 'GET', url: `${IDP}/sso?SAMLRequest=${encodeURIComponent(deflatedBase64(request))}`, saml: request });
      requests.push({
        method: 'POST',
        url: SP.acsUrl,
        post: [['SAMLResponse', base64(xml)]],
        saml: xml,
        status: 302,
        responseHeaders: [['Location', `${IDP}/sso`]],
      });
    }
    const report = await diagnose(samlTracerExport(requests));
    expect(report.findings.find((f) => f.code === 'capture-redirect-loop')?.message).toMatch(
      /3 times: each response posted to .* was answered by a new AuthnRequest/,
    );
  });
});
