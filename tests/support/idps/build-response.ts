/**
 * SAML responses built and signed here, for the cases real IdPs send that our test IdPs do not:
 * attribute values written with character references (`&#13;`), CDATA or comments, an assertion
 * carrying <Advice> with other (signed) assertions, a chosen session lifetime, a chosen signing
 * (response, assertion, both, neither). Signed with xml-crypto (as samlp signs); xmlsecVerify
 * (xml-tools.ts) confirms independently which signatures are valid.
 *
 *   const xml = buildResponse({ acsUrl, entityId, attributes: { email: 'a@example.com' } });
 *   const signed = signResponse(xml, key, { response: true, assertion: true });
 */
import { SignedXml } from 'xml-crypto';

const PROTOCOL = 'urn:oasis:names:tc:SAML:2.0:protocol';
const ASSERTION = 'urn:oasis:names:tc:SAML:2.0:assertion';

export interface ResponseParts {
  acsUrl: string;
  entityId: string;
  issuer?: string;
  nameId?: string;
  /**
   * Attribute name → value(s). Values are inserted as raw XML (so `&#13;`, CDATA and comments
   * reach the document as written): escape `<` and `&` yourself.
   */
  attributes?: Record<string, string | string[]>;
  issueInstant?: Date;
  /** Conditions and SubjectConfirmationData lifetime. */
  lifetimeSeconds?: number;
  /** AuthnInstant, when it is not the IssueInstant. */
  authnInstant?: Date;
  sessionNotOnOrAfter?: Date;
  /** Raw XML placed inside <saml:Advice> (omitted when absent). */
  advice?: string;
  responseId?: string;
  assertionId?: string;
  inResponseTo?: string;
}

export const BUILT_RESPONSE_ISSUER = 'urn:test:built-responses';

function iso(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** An unsigned Response with one assertion, shaped the way IdPs send them to Flex. */
export function buildResponse(parts: ResponseParts): string {
  const issuer = parts.issuer ?? BUILT_RESPONSE_ISSUER;
  const now = parts.issueInstant ?? new Date();
  const until = new Date(now.getTime() + (parts.lifetimeSeconds ?? 3600) * 1000);
  const nameId = parts.nameId ?? 'ada.lovelace@example.com';
  const attributes = parts.attributes ?? { email: nameId, full_name: 'Ada Lovelace', roles: ['agent'] };
  const statement = Object.entries(attributes)
    .map(([name, value]) => {
      const values = (Array.isArray(value) ? value : [value]).map((v) => `<saml:AttributeValue>${v}</saml:AttributeValue>`).join('');
      return `<saml:Attribute Name="${name}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:basic">${values}</saml:Attribute>`;
    })
    .join('');
  const inResponseTo = parts.inResponseTo ? ` InResponseTo="${parts.inResponseTo}"` : '';
  const session = parts.sessionNotOnOrAfter ? ` SessionNotOnOrAfter="${iso(parts.sessionNotOnOrAfter)}"` : '';
  const advice = parts.advice !== undefined ? `<saml:Advice>${parts.advice}</saml:Advice>` : '';
  return (
    `<samlp:Response xmlns:samlp="${PROTOCOL}" xmlns:saml="${ASSERTION}" ID="${parts.responseId ?? '_built-response'}" Version="2.0" IssueInstant="${iso(now)}" Destination="${parts.acsUrl}"${inResponseTo}>` +
    `<saml:Issuer>${issuer}</saml:Issuer>` +
    `<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>` +
    `<saml:Assertion ID="${parts.assertionId ?? '_built-assertion'}" Version="2.0" IssueInstant="${iso(now)}">` +
    `<saml:Issuer>${issuer}</saml:Issuer>` +
    `<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">${nameId}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="${iso(until)}" Recipient="${parts.acsUrl}"${inResponseTo}/></saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions NotBefore="${iso(now)}" NotOnOrAfter="${iso(until)}"><saml:AudienceRestriction><saml:Audience>${parts.entityId}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
    advice +
    `<saml:AuthnStatement AuthnInstant="${iso(parts.authnInstant ?? now)}"${session}><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
    `<saml:AttributeStatement>${statement}</saml:AttributeStatement>` +
    `</saml:Assertion></samlp:Response>`
  );
}

/** A bare assertion (for <Advice>), unsigned. */
export function buildAdviceAssertion(id: string, nameId: string, issuer = 'urn:test:another-authority'): string {
  return (
    `<saml:Assertion xmlns:saml="${ASSERTION}" ID="${id}" Version="2.0" IssueInstant="2025-01-01T00:00:00Z">` +
    `<saml:Issuer>${issuer}</saml:Issuer>` +
    `<saml:Subject><saml:NameID>${nameId}</saml:NameID></saml:Subject>` +
    `<saml:AttributeStatement><saml:Attribute Name="roles"><saml:AttributeValue>admin</saml:AttributeValue></saml:Attribute></saml:AttributeStatement>` +
    `</saml:Assertion>`
  );
}

/**
 * Signs the element whose ID is `id` (an enveloped signature placed right after its Issuer),
 * leaving every other signature as it is. The digest is computed by xml-crypto from the
 * document as parsed, so character references keep their meaning.
 */
export interface SignOptions {
  signature?: string;
  digest?: string;
  /**
   * How carriage returns in the text are written in the signed document: xml-crypto writes them
   * back raw or as `&#xD;`; a raw one would be read as a line feed, so every one is written as
   * this reference instead (same meaning, same digest).
   */
  carriageReturn?: '&#13;' | '&#xd;' | '&#xD;';
}

export function signElement(xml: string, key: { keyPem: string; certPem: string }, id: string, options: SignOptions = {}): string {
  const algorithms = options;
  const sig = new SignedXml({
    privateKey: key.keyPem,
    publicCert: key.certPem,
    signatureAlgorithm: algorithms.signature ?? 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  });
  sig.addReference({
    xpath: `//*[@ID='${id}']`,
    transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'],
    digestAlgorithm: algorithms.digest ?? 'http://www.w3.org/2001/04/xmlenc#sha256',
  });
  sig.computeSignature(xml, { location: { reference: `//*[@ID='${id}']/*[local-name(.)='Issuer']`, action: 'after' } });
  return sig.getSignedXml().replace(/\r|&#xD;|&#xd;|&#13;/g, options.carriageReturn ?? '&#13;');
}

function idOf(xml: string, element: 'Response' | 'Assertion'): string {
  const match = new RegExp(`<(?:\\w+:)?${element}\\b[^>]*?\\sID="([^"]+)"`).exec(xml);
  if (!match) throw new Error(`no ${element} with an ID`);
  return match[1]!;
}

/** Signs the assertion and/or the Response (assertion first, so the response signature covers it). */
export function signResponse(
  xml: string,
  key: { keyPem: string; certPem: string },
  what: { response: boolean; assertion: boolean },
  options: SignOptions = {},
): string {
  let out = xml;
  if (what.assertion) out = signElement(out, key, idOf(out, 'Assertion'), options);
  if (what.response) out = signElement(out, key, idOf(out, 'Response'), options);
  return out;
}
