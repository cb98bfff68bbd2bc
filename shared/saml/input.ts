/**
 * Turns what a user pastes (XML, base64, or a raw HTTP-POST body `SAMLResponse=…&RelayState=…`)
 * into XML text. Pure TypeScript: no Node built-ins, no DOM.
 */

/** Largest SAML response accepted, in characters of the decoded XML. Real responses are < 100 kB. */
export const MAX_RESPONSE_CHARS = 1_000_000;
/** Largest metadata document accepted. Federation aggregates can be large; one IdP is small. */
export const MAX_METADATA_CHARS = 20_000_000;

export type InputKind = 'xml' | 'base64' | 'post-body';

export type DecodedInput =
  { ok: true; xml: string; kind: InputKind; relayState: string | null } | { ok: false; code: 'malformed-xml' | 'input-too-large'; message: string };

const B64_VALUES: Int16Array = (() => {
  const table = new Int16Array(128).fill(-1);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  table['-'.charCodeAt(0)] = 62; // base64url
  table['_'.charCodeAt(0)] = 63;
  return table;
})();

/** Decodes base64 (standard or URL-safe, whitespace ignored); null when the text is not base64. */
export function decodeBase64(text: string): Uint8Array | null {
  const clean = text.replace(/[\s]+/g, '').replace(/=+$/, '');
  if (clean.length === 0 || clean.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (let i = 0; i < clean.length; i++) {
    const code = clean.charCodeAt(i);
    const value = code < 128 ? B64_VALUES[code]! : -1;
    if (value < 0) return null;
    buffer = ((buffer << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[index++] = (buffer >> bits) & 0xff;
    }
  }
  return out.subarray(0, index);
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Bytes to text: UTF-8 (strict); a UTF-16 byte-order mark is honoured. Null when undecodable. */
export function decodeText(bytes: Uint8Array): string | null {
  try {
    if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
      return new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be', { fatal: true }).decode(bytes);
    }
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

function formDecode(value: string): string | null {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

/** Parses an application/x-www-form-urlencoded body into its first value per name. */
export function parseFormBody(body: string): Map<string, string> | null {
  const fields = new Map<string, string>();
  for (const part of body.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = formDecode(eq < 0 ? part : part.slice(0, eq));
    const value = formDecode(eq < 0 ? '' : part.slice(eq + 1));
    if (name === null || value === null) return null;
    if (!fields.has(name)) fields.set(name, value);
  }
  return fields;
}

function tooLarge(limit: number): DecodedInput {
  return {
    ok: false,
    code: 'input-too-large',
    message: `The input is larger than ${Math.round(limit / 1000)} kB, far more than any SAML response; it was not read.`,
  };
}

/** Recognises the input's form and returns the SAML XML inside it. */
export function decodeSamlInput(input: string, limit = MAX_RESPONSE_CHARS): DecodedInput {
  if (typeof input !== 'string') return { ok: false, code: 'malformed-xml', message: 'The input is not text.' };
  // Base64 grows by a third and URL-encoding by up to three times: allow for that before decoding.
  if (input.length > limit * 3) return tooLarge(limit);
  let text = input.replace(/^\uFEFF/, '').trim();
  let kind: InputKind = 'xml';
  let relayState: string | null = null;

  if (/^(?:[A-Za-z0-9_.-]+=[^&]*&)*SAMLResponse=/.test(text)) {
    const fields = parseFormBody(text.replace(/\s+$/, ''));
    const value = fields?.get('SAMLResponse');
    if (!fields || value === undefined) {
      return { ok: false, code: 'malformed-xml', message: 'The POST body could not be decoded (bad percent-encoding).' };
    }
    relayState = fields.get('RelayState') ?? null;
    text = value.trim();
    kind = 'post-body';
  }

  if (!text.startsWith('<')) {
    const bytes = decodeBase64(text);
    if (!bytes) {
      return {
        ok: false,
        code: 'malformed-xml',
        message: 'The input is neither XML, nor base64, nor a POST body with SAMLResponse=…; nothing could be read.',
      };
    }
    if (bytes.length > limit) return tooLarge(limit);
    const decoded = decodeText(bytes);
    if (decoded === null) {
      return { ok: false, code: 'malformed-xml', message: 'The base64 text decodes to bytes that are not UTF-8 text, so not a SAML document.' };
    }
    text = decoded.replace(/^\uFEFF/, '').trim();
    if (kind === 'xml') kind = 'base64';
    if (!text.startsWith('<')) {
      return { ok: false, code: 'malformed-xml', message: 'The base64 text decodes to something that is not XML.' };
    }
  }
  if (text.length > limit) return tooLarge(limit);
  return { ok: true, xml: text, kind, relayState };
}
