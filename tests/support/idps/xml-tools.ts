/**
 * Tools for building the documents real IdPs produce after the fact: an independent signature
 * check with xmlsec1, re-signing with xml-crypto (the library samlp signs with), and the
 * tampering and signature-wrapping moves attackers make.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';

const PROTOCOL = 'urn:oasis:names:tc:SAML:2.0:protocol';
const ASSERTION = 'urn:oasis:names:tc:SAML:2.0:assertion';

/**
 * xmlsec1's verdict on the signature of the element named (Response or Assertion), with the
 * given certificate: true when it verifies. The first ds:Signature (document order) whose parent
 * is an element of that name is checked, on the document's own bytes (never re-serialized, so
 * character references, CDATA and comments reach xmlsec1 exactly as written).
 */
export function xmlsecVerify(xml: string, certPem: string, element: 'Response' | 'Assertion'): boolean {
  const dir = mkdtempSync(join(tmpdir(), 'flex-sso-xmlsec-'));
  try {
    const file = join(dir, 'doc.xml');
    writeFileSync(file, xml);
    const cert = join(dir, 'cert.pem');
    writeFileSync(cert, certPem);
    const signature = `(//*[local-name()='Signature' and namespace-uri()='http://www.w3.org/2000/09/xmldsig#'][parent::*[local-name()='${element}']])[1]`;
    try {
      execFileSync(
        'xmlsec1',
        [
          '--verify',
          '--pubkey-cert-pem',
          cert,
          '--id-attr:ID',
          `${PROTOCOL}:Response`,
          '--id-attr:ID',
          `${ASSERTION}:Assertion`,
          '--node-xpath',
          signature,
          file,
        ],
        { stdio: 'pipe' },
      );
      return true;
    } catch {
      return false;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function parse(xml: string): Document {
  return new DOMParser().parseFromString(xml, 'text/xml') as unknown as Document;
}
function serialize(doc: Document): string {
  return new XMLSerializer().serializeToString(doc as never);
}
function assertionOf(doc: Document): Element {
  const a = doc.getElementsByTagNameNS(ASSERTION, 'Assertion')[0];
  if (!a) throw new Error('no assertion');
  return a as Element;
}

/** Applies an edit to the XML (after signing: the signature no longer matches). */
export function editXml(xml: string, edit: (doc: Document) => void): string {
  const doc = parse(xml);
  edit(doc);
  return serialize(doc);
}

/** Removes every signature, then signs the assertion and/or the response with xml-crypto as samlp does. */
export function resign(
  xml: string,
  key: { keyPem: string; certPem: string },
  what: { assertion: boolean; response: boolean },
  edit?: (doc: Document) => void,
): string {
  const doc = parse(xml);
  for (const s of Array.from(doc.getElementsByTagNameNS('http://www.w3.org/2000/09/xmldsig#', 'Signature'))) s.parentNode!.removeChild(s);
  edit?.(doc);
  let out = serialize(doc);
  const sign = (text: string, localName: 'Assertion' | 'Response'): string => {
    const sig = new SignedXml({
      privateKey: key.keyPem,
      publicCert: key.certPem,
      signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
      canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
    });
    sig.addReference({
      xpath: `//*[local-name(.)='${localName}' and namespace-uri(.)='${localName === 'Response' ? PROTOCOL : ASSERTION}']`,
      transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'],
      digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
    });
    sig.computeSignature(text, {
      location: { reference: `//*[local-name(.)='${localName}']/*[local-name(.)='Issuer']`, action: 'after' },
    });
    return sig.getSignedXml();
  };
  if (what.assertion) out = sign(out, 'Assertion');
  if (what.response) out = sign(out, 'Response');
  return out;
}

/** XSW: the signed assertion moves into the Response's Extensions, an unsigned forged copy takes its place. */
export function wrapAssertionInExtensions(xml: string, forge: (assertion: Element) => void): string {
  return editXml(xml, (doc) => {
    const root = doc.documentElement!;
    const original = assertionOf(doc);
    const copy = original.cloneNode(true) as Element;
    for (const s of Array.from(copy.getElementsByTagNameNS('http://www.w3.org/2000/09/xmldsig#', 'Signature'))) s.parentNode!.removeChild(s);
    forge(copy);
    const extensions = doc.createElementNS(PROTOCOL, 'samlp:Extensions');
    root.insertBefore(extensions, root.firstChild!.nextSibling);
    root.replaceChild(copy, original);
    extensions.appendChild(original);
  });
}

/** XSW: an extra, unsigned assertion appended after the signed one. */
export function appendForgedAssertion(xml: string, forge: (assertion: Element) => void): string {
  return editXml(xml, (doc) => {
    const original = assertionOf(doc);
    const copy = original.cloneNode(true) as Element;
    for (const s of Array.from(copy.getElementsByTagNameNS('http://www.w3.org/2000/09/xmldsig#', 'Signature'))) s.parentNode!.removeChild(s);
    copy.setAttribute('ID', '_forged' + copy.getAttribute('ID'));
    forge(copy);
    doc.documentElement!.appendChild(copy);
  });
}

/** XSW: the signed Response is moved inside a new, unsigned Response that reuses its ID. */
export function wrapResponse(xml: string, forge: (assertion: Element) => void): string {
  const doc = parse(xml);
  const signedResponse = doc.documentElement!;
  const outerDoc = parse(xml);
  const outer = outerDoc.documentElement!;
  for (const s of Array.from(outer.childNodes)) {
    if ((s as Element).localName === 'Signature') outer.removeChild(s);
  }
  const forged = assertionOf(outerDoc);
  for (const s of Array.from(forged.getElementsByTagNameNS('http://www.w3.org/2000/09/xmldsig#', 'Signature'))) s.parentNode!.removeChild(s);
  forge(forged);
  const status = outerDoc.getElementsByTagNameNS(PROTOCOL, 'Status')[0]!;
  const detail = outerDoc.createElementNS(PROTOCOL, 'samlp:StatusDetail');
  status.appendChild(detail);
  detail.appendChild(outerDoc.importNode(signedResponse, true));
  return serialize(outerDoc);
}

/** Replaces the text of the first NameID. */
export function setNameId(assertion: Element, value: string): void {
  const nameId = assertion.getElementsByTagNameNS(ASSERTION, 'NameID')[0]!;
  nameId.textContent = value;
}
