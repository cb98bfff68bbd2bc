/**
 * Reads a SAML 2.0 Response: its structure (which element each signature really covers, how many
 * assertions there are and where) and its facts. Pure: no signature cryptography here; that is
 * done on the Node side, which then hands back the assertion the signature covers.
 */
import { attr, childElements, descendants, firstChild, isElement, NS, pathOf, textOf, trimmedText, type XElement, type XNode } from './xml';

export interface SamlAttribute {
  name: string;
  nameFormat: string | null;
  friendlyName: string | null;
  values: string[];
}

export interface SignaturePlacement {
  /** Path of the element holding the Signature, e.g. Response or Response/Assertion. */
  parent: string;
  parentId: string | null;
  referenceUris: string[];
  /** What the signature's single Reference actually covers. */
  covers: 'response' | 'assertion' | 'other-element' | 'nothing';
  signatureAlgorithm: string | null;
  digestAlgorithm: string | null;
  /** Base64 bodies of X509Certificate elements in its KeyInfo. */
  embeddedCertificates: string[];
}

export interface ResponseStructure {
  responseId: string | null;
  /** The first saml:Assertion that is a direct child of the root Response. */
  mainAssertion: XElement | null;
  /** Direct-child assertions and encrypted assertions. */
  assertionCount: number;
  /** Every saml:Assertion element anywhere in the document (wrapping attacks hide extra ones). */
  allAssertionCount: number;
  encryptedAssertionCount: number;
  encrypted: boolean;
  responseSigned: boolean;
  /** null when the only assertion is encrypted (its signature, if any, cannot be seen). */
  assertionSigned: boolean | null;
  signatures: SignaturePlacement[];
  /** Why the document looks like a signature-wrapping attempt (empty when it does not). */
  wrapping: string[];
}

export interface AssertionFacts {
  assertionId: string | null;
  issuer: string | null;
  nameId: string | null;
  nameIdFormat: string | null;
  audience: string | null;
  audiences: string[];
  recipient: string | null;
  subjectInResponseTo: string | null;
  subjectNotOnOrAfter: string | null;
  notBefore: string | null;
  notOnOrAfter: string | null;
  sessionNotOnOrAfter: string | null;
  authnInstant: string | null;
  encryptedParts: string[];
  attributes: SamlAttribute[];
}

export interface ResponseEnvelopeFacts {
  responseId: string | null;
  issuer: string | null;
  destination: string | null;
  inResponseTo: string | null;
  issueInstant: string | null;
  statusCode: string | null;
  statusSubcode: string | null;
  statusMessage: string | null;
}

/** What kind of document the root element is, when it is not a SAML 2.0 Response. */
export function describeNonResponse(root: XElement): string | null {
  const name = root.localName;
  const ns = root.namespaceURI ?? '';
  if (ns === NS.protocol && name === 'Response') return null;
  if (ns === NS.metadata && (name === 'EntityDescriptor' || name === 'EntitiesDescriptor')) {
    return 'This is SAML metadata, not a SAML response; read it with the metadata import instead.';
  }
  if (ns === NS.protocol && name === 'AuthnRequest') return 'This is an AuthnRequest (what the service provider sends), not the response the IdP sends back.';
  if (ns === NS.protocol) return `This is a SAML ${name} message, not a login response.`;
  if (ns === NS.assertion && name === 'Assertion') {
    return 'This is a bare Assertion without its Response; paste the whole SAMLResponse value the IdP posts.';
  }
  if (/urn:oasis:names:tc:SAML:1\.[01]:protocol/.test(ns) && name === 'Response') return 'This is a SAML 1.1 response; Twilio needs SAML 2.0.';
  return `The root element is <${root.tagName}>, not a SAML 2.0 <samlp:Response>.`;
}

function idOf(element: XElement): string | null {
  return attr(element, 'ID');
}

/** Every element carrying an ID-like attribute, by value (ID, Id, id, xml:id). */
function collectIds(root: XElement): Map<string, XElement[]> {
  const ids = new Map<string, XElement[]>();
  for (const element of [root, ...descendants(root)]) {
    for (let i = 0; i < element.attributes.length; i++) {
      const a = element.attributes[i]!;
      const local = a.localName ?? a.name;
      if (local !== 'ID' && local !== 'Id' && local !== 'id') continue;
      if (a.namespaceURI && a.namespaceURI !== 'http://www.w3.org/XML/1998/namespace') continue;
      const list = ids.get(a.value) ?? [];
      if (!list.includes(element)) list.push(element);
      ids.set(a.value, list);
    }
  }
  return ids;
}

function signaturePlacement(signature: XElement, root: XElement, main: XElement | null, ids: Map<string, XElement[]>): SignaturePlacement {
  const signedInfo = firstChild(signature, NS.dsig, 'SignedInfo');
  const references = signedInfo ? childElements(signedInfo, NS.dsig, 'Reference') : [];
  const referenceUris = references.map((reference) => attr(reference, 'URI') ?? '');
  const parent = isElement(signature.parentNode) ? signature.parentNode : null;
  let covers: SignaturePlacement['covers'] = 'nothing';
  if (parent && referenceUris.length === 1) {
    const uri = referenceUris[0]!;
    let target: XElement | null = null;
    if (uri === '') target = root; // the whole document
    else if (uri.startsWith('#')) {
      const found = ids.get(uri.slice(1)) ?? [];
      if (found.length === 1) target = found[0]!;
    }
    if (target && target === parent) covers = target === root ? 'response' : target === main ? 'assertion' : 'other-element';
  }
  const keyInfo = firstChild(signature, NS.dsig, 'KeyInfo');
  const embeddedCertificates = keyInfo
    ? descendants(keyInfo, NS.dsig, 'X509Certificate').map((element) => textOf(element).replace(/\s+/g, '')).filter(Boolean)
    : [];
  const method = signedInfo ? firstChild(signedInfo, NS.dsig, 'SignatureMethod') : null;
  const digest = references[0] ? firstChild(references[0], NS.dsig, 'DigestMethod') : null;
  return {
    parent: parent ? pathOf(parent) : '(none)',
    parentId: parent ? idOf(parent) : null,
    referenceUris,
    covers,
    signatureAlgorithm: attr(method, 'Algorithm'),
    digestAlgorithm: attr(digest, 'Algorithm'),
    embeddedCertificates,
  };
}

/** The structure of a Response (root must be samlp:Response). */
export function readStructure(root: XElement): ResponseStructure {
  const directAssertions = childElements(root, NS.assertion, 'Assertion');
  const directEncrypted = childElements(root, NS.assertion, 'EncryptedAssertion');
  const mainAssertion = directAssertions[0] ?? null;
  const ids = collectIds(root);
  const signatureElements = descendants(root, NS.dsig, 'Signature');
  const signatures = signatureElements.map((signature) => signaturePlacement(signature, root, mainAssertion, ids));

  const wrapping: string[] = [];
  for (const [id, elements] of ids) {
    if (elements.length > 1) wrapping.push(`the ID "${id.slice(0, 80)}" is carried by ${elements.length} elements (${elements.map(pathOf).join(', ')})`);
  }
  const allAssertions = descendants(root, NS.assertion, 'Assertion');
  const allEncrypted = descendants(root, NS.assertion, 'EncryptedAssertion');
  if (allAssertions.length + allEncrypted.length > 1) {
    wrapping.push(`the document holds ${allAssertions.length + allEncrypted.length} assertions where a login response has exactly one`);
  }
  for (const assertion of [...allAssertions, ...allEncrypted]) {
    if (assertion.parentNode !== root) wrapping.push(`an assertion sits at ${pathOf(assertion)}, not directly inside the Response`);
  }
  const nestedResponses = descendants(root, NS.protocol, 'Response');
  if (nestedResponses.length > 0) wrapping.push(`a second Response is hidden at ${pathOf(nestedResponses[0]!)}`);
  for (const placement of signatures) {
    if (placement.covers === 'nothing' || placement.covers === 'other-element') {
      wrapping.push(`a signature at ${placement.parent} does not cover the element that holds it, or covers something other than the Response or its assertion`);
    }
  }
  const rootSignatures = signatures.filter((s) => s.covers === 'response').length;
  const assertionSignatures = signatures.filter((s) => s.covers === 'assertion').length;
  if (childElements(root, NS.dsig, 'Signature').length > 1) wrapping.push('the Response carries more than one signature');
  if (mainAssertion && childElements(mainAssertion, NS.dsig, 'Signature').length > 1) wrapping.push('the assertion carries more than one signature');

  return {
    responseId: idOf(root),
    mainAssertion,
    assertionCount: directAssertions.length + directEncrypted.length,
    allAssertionCount: allAssertions.length,
    encryptedAssertionCount: directEncrypted.length,
    encrypted: directEncrypted.length > 0,
    responseSigned: rootSignatures > 0,
    assertionSigned: mainAssertion ? assertionSignatures > 0 : directEncrypted.length > 0 ? null : false,
    signatures,
    wrapping: [...new Set(wrapping)].slice(0, 8),
  };
}

export function readEnvelope(root: XElement): ResponseEnvelopeFacts {
  const status = firstChild(root, NS.protocol, 'Status');
  const code = firstChild(status, NS.protocol, 'StatusCode');
  const subcode = firstChild(code, NS.protocol, 'StatusCode');
  const message = firstChild(status, NS.protocol, 'StatusMessage');
  return {
    responseId: idOf(root),
    issuer: trimmedText(firstChild(root, NS.assertion, 'Issuer')),
    destination: attr(root, 'Destination'),
    inResponseTo: attr(root, 'InResponseTo'),
    issueInstant: attr(root, 'IssueInstant'),
    statusCode: attr(code, 'Value'),
    statusSubcode: attr(subcode, 'Value'),
    // samlp 8 writes the message into a Value attribute instead of the element's text.
    statusMessage: message ? textOf(message).trim() || attr(message, 'Value') || '' : null,
  };
}

const BEARER = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';

export function readAssertion(assertion: XElement): AssertionFacts {
  const subject = firstChild(assertion, NS.assertion, 'Subject');
  const nameIdElement = firstChild(subject, NS.assertion, 'NameID');
  const confirmations = subject ? childElements(subject, NS.assertion, 'SubjectConfirmation') : [];
  const confirmation = confirmations.find((element) => attr(element, 'Method') === BEARER) ?? confirmations[0] ?? null;
  const confirmationData = firstChild(confirmation, NS.assertion, 'SubjectConfirmationData');
  const conditions = firstChild(assertion, NS.assertion, 'Conditions');
  const audiences = conditions
    ? childElements(conditions, NS.assertion, 'AudienceRestriction').flatMap((restriction) =>
        childElements(restriction, NS.assertion, 'Audience').map((audience) => textOf(audience).trim()),
      )
    : [];
  const authn = firstChild(assertion, NS.assertion, 'AuthnStatement');
  const attributes: SamlAttribute[] = [];
  const encryptedParts: string[] = [];
  if (subject && firstChild(subject, NS.assertion, 'EncryptedID')) encryptedParts.push('NameID');
  for (const statement of childElements(assertion, NS.assertion, 'AttributeStatement')) {
    for (const element of childElements(statement)) {
      if (element.namespaceURI !== NS.assertion) continue;
      if (element.localName === 'EncryptedAttribute') {
        encryptedParts.push('Attribute');
        continue;
      }
      if (element.localName !== 'Attribute') continue;
      attributes.push({
        name: attr(element, 'Name') ?? '',
        nameFormat: attr(element, 'NameFormat'),
        friendlyName: attr(element, 'FriendlyName'),
        values: childElements(element, NS.assertion, 'AttributeValue').map((value) => textOf(value)),
      });
    }
  }
  return {
    assertionId: idOf(assertion),
    issuer: trimmedText(firstChild(assertion, NS.assertion, 'Issuer')),
    nameId: nameIdElement ? textOf(nameIdElement).trim() : null,
    nameIdFormat: attr(nameIdElement, 'Format'),
    audience: audiences[0] ?? null,
    audiences,
    recipient: attr(confirmationData, 'Recipient'),
    subjectInResponseTo: attr(confirmationData, 'InResponseTo'),
    subjectNotOnOrAfter: attr(confirmationData, 'NotOnOrAfter'),
    notBefore: attr(conditions, 'NotBefore'),
    notOnOrAfter: attr(conditions, 'NotOnOrAfter'),
    sessionNotOnOrAfter: attr(authn, 'SessionNotOnOrAfter'),
    authnInstant: attr(authn, 'AuthnInstant'),
    encryptedParts,
    attributes,
  };
}

export type { XElement, XNode };
