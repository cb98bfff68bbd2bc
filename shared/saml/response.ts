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
  /** What the signature's single Reference actually covers ('malformed': no SignedInfo, SignatureValue or Reference). */
  covers: 'response' | 'assertion' | 'other-element' | 'nothing' | 'malformed';
  signatureAlgorithm: string | null;
  digestAlgorithm: string | null;
  /** Base64 bodies of X509Certificate elements in its KeyInfo. */
  embeddedCertificates: string[];
}

export interface ResponseStructure {
  responseId: string | null;
  /** The first saml:Assertion that is a direct child of the root Response: the only one facts are read from. */
  mainAssertion: XElement | null;
  /** Direct-child assertions and encrypted assertions. */
  assertionCount: number;
  /** saml:Assertion elements outside the main assertion's Advice (wrapping attacks hide extra ones). */
  allAssertionCount: number;
  /** saml:Assertion elements inside the main assertion's <Advice> (legal SAML; never read). */
  adviceAssertionCount: number;
  encryptedAssertionCount: number;
  encrypted: boolean;
  responseSigned: boolean;
  /** null when the only assertion is encrypted (its signature, if any, cannot be seen). */
  assertionSigned: boolean | null;
  /** Signatures outside the main assertion's Advice (those inside it are covered, not checked). */
  signatures: SignaturePlacement[];
  /** Where a ds:Signature lacks SignedInfo, SignatureValue or a Reference (empty when none does). */
  malformedSignatures: string[];
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
  issueInstant: string | null;
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

/** Whether the root element is SAML metadata (an EntityDescriptor or an aggregate of them). */
export function isMetadataRoot(root: XElement): boolean {
  return root.namespaceURI === NS.metadata && (root.localName === 'EntityDescriptor' || root.localName === 'EntitiesDescriptor');
}

/** What kind of document the root element is, when it is not a SAML 2.0 Response. */
export function describeNonResponse(root: XElement): string | null {
  const name = root.localName;
  const ns = root.namespaceURI ?? '';
  if (ns === NS.protocol && name === 'Response') return null;
  if (isMetadataRoot(root)) return "This is SAML metadata (the identity provider's or a service provider's), not a SAML response.";
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

const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** Every element carrying an ID-like attribute, by value (ID, Id, id, xml:id); linear in the document. */
function collectIds(elements: readonly XElement[]): Map<string, XElement[]> {
  const ids = new Map<string, XElement[]>();
  for (const element of elements) {
    for (let i = 0; i < element.attributes.length; i++) {
      const a = element.attributes[i]!;
      const local = a.localName ?? a.name;
      if (local !== 'ID' && local !== 'Id' && local !== 'id') continue;
      if (a.namespaceURI && a.namespaceURI !== XML_NS) continue;
      const list = ids.get(a.value);
      if (!list) ids.set(a.value, [element]);
      // Elements are visited once each, so only the last entry can be this element (ID and Id alike).
      else if (list[list.length - 1] !== element) list.push(element);
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
  if (!signedInfo || !firstChild(signature, NS.dsig, 'SignatureValue') || references.length === 0) covers = 'malformed';
  else if (parent && referenceUris.length === 1) {
    // The element the Reference URI resolves to: its identity, not its text, decides what is covered.
    const uri = referenceUris[0]!;
    let target: XElement | null = null;
    if (uri === '')
      target = root; // the whole document
    else if (uri.startsWith('#')) {
      const found = ids.get(uri.slice(1)) ?? [];
      if (found.length === 1) target = found[0]!;
    }
    if (target && target === parent) covers = target === root ? 'response' : target === main ? 'assertion' : 'other-element';
  }
  const keyInfo = firstChild(signature, NS.dsig, 'KeyInfo');
  const embeddedCertificates = keyInfo
    ? descendants(keyInfo, NS.dsig, 'X509Certificate')
        .map((element) => textOf(element).replace(/\s+/g, ''))
        .filter(Boolean)
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

/** True when `element` sits inside one of `containers` (or is one). */
function within(element: XElement, containers: ReadonlySet<XNode>): boolean {
  if (containers.size === 0) return false;
  for (let node: XNode | null = element; node; node = node.parentNode) if (containers.has(node)) return true;
  return false;
}

/** At most a few items of a list, for messages that must stay short whatever the document. */
function firstFew(items: readonly string[], count = 3): string {
  return items.length <= count ? items.join(', ') : `${items.slice(0, count).join(', ')} and ${items.length - count} more`;
}

const MAX_WRAPPING_REASONS = 8;

/** The structure of a Response (root must be samlp:Response). */
export function readStructure(root: XElement): ResponseStructure {
  const directAssertions = childElements(root, NS.assertion, 'Assertion');
  const directEncrypted = childElements(root, NS.assertion, 'EncryptedAssertion');
  const mainAssertion = directAssertions[0] ?? null;
  const everything = [root, ...descendants(root)];
  const ids = collectIds(everything);
  // The main assertion's <Advice> may legally carry other assertions (with their own signatures):
  // they are covered by the main assertion's signature, never read, never checked on their own.
  const advice = new Set<XNode>(mainAssertion ? childElements(mainAssertion, NS.assertion, 'Advice') : []);
  const of = (ns: string, localName: string) => everything.filter((e) => e.namespaceURI === ns && e.localName === localName);
  const outsideAdvice = (elements: XElement[]) => elements.filter((e) => !within(e, advice));

  const signatureElements = of(NS.dsig, 'Signature');
  const signatures = outsideAdvice(signatureElements).map((signature) => signaturePlacement(signature, root, mainAssertion, ids));
  const malformedSignatures = signatures.filter((s) => s.covers === 'malformed').map((s) => s.parent);

  const wrapping: string[] = [];
  const add = (reason: string) => {
    if (wrapping.length < MAX_WRAPPING_REASONS && !wrapping.includes(reason)) wrapping.push(reason);
  };
  for (const [id, elements] of ids) {
    if (elements.length > 1) add(`the ID "${id.slice(0, 80)}" is carried by ${elements.length} elements (${firstFew(elements.map(pathOf))})`);
    if (wrapping.length >= MAX_WRAPPING_REASONS) break;
  }
  const assertionsEverywhere = of(NS.assertion, 'Assertion');
  const allAssertions = outsideAdvice(assertionsEverywhere);
  const allEncrypted = outsideAdvice(of(NS.assertion, 'EncryptedAssertion'));
  if (allAssertions.length + allEncrypted.length > 1) {
    add(`the document holds ${allAssertions.length + allEncrypted.length} assertions where a login response has exactly one`);
  }
  for (const assertion of [...allAssertions, ...allEncrypted]) {
    if (assertion.parentNode !== root) add(`an assertion sits at ${pathOf(assertion)}, not directly inside the Response`);
    if (wrapping.length >= MAX_WRAPPING_REASONS) break;
  }
  const nestedResponses = outsideAdvice(of(NS.protocol, 'Response')).filter((e) => e !== root);
  if (nestedResponses.length > 0) add(`a second Response is hidden at ${pathOf(nestedResponses[0]!)}`);
  for (const placement of signatures) {
    if (placement.covers === 'nothing' || placement.covers === 'other-element') {
      add(`a signature at ${placement.parent} does not cover the element that holds it, or covers something other than the Response or its assertion`);
    }
  }
  const rootSignatures = signatures.filter((s) => s.covers === 'response').length;
  const assertionSignatures = signatures.filter((s) => s.covers === 'assertion').length;
  if (childElements(root, NS.dsig, 'Signature').length > 1) add('the Response carries more than one signature');
  if (mainAssertion && childElements(mainAssertion, NS.dsig, 'Signature').length > 1) add('the assertion carries more than one signature');
  // A signed assertion tucked into the Advice of an assertion nobody signed: the signature proves
  // nothing about what is read.
  if (rootSignatures === 0 && assertionSignatures === 0 && signatureElements.length > signatures.length) {
    add("a signature sits inside the assertion's Advice while nothing signs the assertion itself");
  }

  return {
    responseId: idOf(root),
    mainAssertion,
    assertionCount: directAssertions.length + directEncrypted.length,
    allAssertionCount: allAssertions.length,
    adviceAssertionCount: assertionsEverywhere.length - allAssertions.length,
    encryptedAssertionCount: directEncrypted.length,
    encrypted: directEncrypted.length > 0,
    responseSigned: rootSignatures > 0,
    assertionSigned: mainAssertion ? assertionSignatures > 0 : directEncrypted.length > 0 ? null : false,
    signatures,
    malformedSignatures,
    wrapping,
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
    issueInstant: attr(assertion, 'IssueInstant'),
    encryptedParts,
    attributes,
  };
}

export type { XElement, XNode };
