/**
 * SAML messages as browsers carry them: a SAMLRequest or SAMLResponse form field (HTTP-POST
 * binding: base64 of the XML) or query parameter (HTTP-Redirect binding: base64 of the raw-DEFLATE
 * compressed XML). Decoding is bounded (a deflate bomb stops at the size limit), and the few fields
 * the pairing needs are read with the safe XML parser.
 */
import { Inflate } from 'fflate';
import { decodeBase64, decodeText, MAX_RESPONSE_CHARS } from '../saml/input';
import { attr, descendants, firstChild, NS, parseXmlSafely, textOf, trimmedText } from '../saml/xml';
import type { SamlBinding } from './digest';

export type DecodedMessage = { ok: true; xml: string; deflated: boolean } | { ok: false; problem: string };

/** Inflates raw DEFLATE data, giving up past `limit` bytes of output; null when it is not DEFLATE data. */
export function inflateRawBounded(data: Uint8Array, limit: number): Uint8Array | null {
  const parts: Uint8Array[] = [];
  let size = 0;
  let tooLarge = false;
  let ended = false;
  const inflater = new Inflate((chunk, final) => {
    size += chunk.length;
    if (size > limit) tooLarge = true;
    else parts.push(chunk);
    if (final) ended = true;
  });
  try {
    // Small input slices: one slice can only expand so far before the size is checked again.
    const SLICE = 8192;
    for (let i = 0; i < data.length && !tooLarge; i += SLICE) inflater.push(data.subarray(i, i + SLICE), i + SLICE >= data.length);
  } catch {
    return null;
  }
  if (tooLarge || !ended) return null;
  const out = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function asXmlText(bytes: Uint8Array): string | null {
  const text = decodeText(bytes);
  if (text === null) return null;
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  return trimmed.startsWith('<') ? trimmed : null;
}

/**
 * Decodes a SAMLRequest/SAMLResponse value as sent (already URL-decoded). The binding decides what
 * is expected; the other form is accepted too (some SPs deflate POSTed messages, some IdPs forget
 * to deflate redirected ones) and reported through `deflated`.
 */
export function decodeSamlParameter(value: string, binding: SamlBinding, maxChars = MAX_RESPONSE_CHARS): DecodedMessage {
  const compact = value.replace(/\s+/g, '');
  if (compact.length === 0) return { ok: false, problem: 'The SAML parameter is empty.' };
  if (compact.length > maxChars * 2) return { ok: false, problem: `The SAML parameter is larger than ${Math.round(maxChars / 1000)} kB; it was not read.` };
  const bytes = decodeBase64(compact);
  if (!bytes)
    return {
      ok: false,
      problem: 'The SAML parameter is not base64, so it cannot be a SAML message (it may have been cut short or replaced when the file was exported).',
    };
  const plain = () => asXmlText(bytes);
  const inflated = () => {
    const out = inflateRawBounded(bytes, maxChars);
    return out ? asXmlText(out) : null;
  };
  if (binding === 'http-redirect') {
    const xml = inflated();
    if (xml !== null) return { ok: true, xml, deflated: true };
    const fallback = plain();
    if (fallback !== null) return { ok: true, xml: fallback, deflated: false };
  } else {
    const xml = plain();
    if (xml !== null) return { ok: true, xml, deflated: false };
    const fallback = inflated();
    if (fallback !== null) return { ok: true, xml: fallback, deflated: true };
  }
  return { ok: false, problem: 'The SAML parameter decodes to something that is not XML (or inflates to more than the size limit).' };
}

export const MESSAGE_KINDS = ['authn-request', 'response', 'logout-request', 'logout-response', 'other'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** What the pairing and the capture's own checks read from a message (not verified: the analysis does that). */
export interface MessageSummary {
  kind: MessageKind;
  /** The root element, e.g. "samlp:AuthnRequest". */
  element: string;
  id: string | null;
  inResponseTo: string | null;
  issueInstant: string | null;
  issuer: string | null;
  destination: string | null;
  /** AuthnRequest: where the SP asks the response to go. */
  acsUrl: string | null;
  /** Response: its top-level status code (short form, e.g. "Success"). */
  status: string | null;
  /** Response: the InResponseTo values of its assertions' subject confirmations. */
  subjectInResponseTo: string[];
  /** Response: the audiences and NameIDs it names (unverified; used to recognise the SP and count users). */
  audiences: string[];
  nameIds: string[];
}

const KIND_BY_ELEMENT: Readonly<Record<string, MessageKind>> = {
  AuthnRequest: 'authn-request',
  Response: 'response',
  LogoutRequest: 'logout-request',
  LogoutResponse: 'logout-response',
};

export type SummaryResult = { ok: true; summary: MessageSummary } | { ok: false; problem: string };

export function summariseMessage(xml: string): SummaryResult {
  const parsed = parseXmlSafely(xml, MAX_RESPONSE_CHARS);
  if (!parsed.ok) return { ok: false, problem: parsed.message };
  const root = parsed.root;
  const kind = root.namespaceURI === NS.protocol ? (KIND_BY_ELEMENT[root.localName] ?? 'other') : 'other';
  const statusCode = attr(firstChild(firstChild(root, NS.protocol, 'Status'), NS.protocol, 'StatusCode'), 'Value');
  const assertions = kind === 'response' ? descendants(root, NS.assertion, 'Assertion') : [];
  return {
    ok: true,
    summary: {
      kind,
      element: root.tagName,
      id: attr(root, 'ID'),
      inResponseTo: attr(root, 'InResponseTo'),
      issueInstant: attr(root, 'IssueInstant'),
      issuer: trimmedText(firstChild(root, NS.assertion, 'Issuer')),
      destination: attr(root, 'Destination'),
      acsUrl: attr(root, 'AssertionConsumerServiceURL'),
      status: statusCode ? statusCode.replace(/^urn:oasis:names:tc:SAML:2\.0:status:/, '') : null,
      subjectInResponseTo: [
        ...new Set(
          assertions.flatMap((a) =>
            descendants(a, NS.assertion, 'SubjectConfirmationData')
              .map((el) => attr(el, 'InResponseTo'))
              .filter((v): v is string => v !== null),
          ),
        ),
      ],
      audiences: [...new Set(assertions.flatMap((a) => descendants(a, NS.assertion, 'Audience').map((el) => textOf(el).trim())))],
      nameIds: [...new Set(assertions.flatMap((a) => descendants(a, NS.assertion, 'NameID').map((el) => textOf(el).trim())).filter((v) => v !== ''))],
    },
  };
}
