/**
 * Safe XML parsing for untrusted SAML documents: no DTD, no entity declarations, no external
 * anything, a size limit and a nesting limit. Uses @xmldom/xmldom (pure JavaScript).
 */
import { DOMParser } from '@xmldom/xmldom';
import { errorMessage } from '../errors';

export const NS = {
  protocol: 'urn:oasis:names:tc:SAML:2.0:protocol',
  assertion: 'urn:oasis:names:tc:SAML:2.0:assertion',
  metadata: 'urn:oasis:names:tc:SAML:2.0:metadata',
  dsig: 'http://www.w3.org/2000/09/xmldsig#',
  xenc: 'http://www.w3.org/2001/04/xmlenc#',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
} as const;

/** Deepest element nesting accepted; real SAML documents stay under 15. */
const MAX_DEPTH = 100;
/** Most elements accepted in a SAML response; real ones hold a few dozen to a few hundred. */
const MAX_RESPONSE_ELEMENTS = 5_000;
/** Most elements accepted in metadata: one IdP needs a few dozen, an aggregate of hundreds of organisations fits. */
export const MAX_METADATA_ELEMENTS = 50_000;

// Minimal structural types, so callers do not depend on the DOM lib or xmldom's own typings.
export interface XNode {
  nodeType: number;
  nodeValue: string | null;
  parentNode: XNode | null;
  firstChild: XNode | null;
  nextSibling: XNode | null;
}
export interface XAttr {
  name: string;
  localName: string | null;
  namespaceURI: string | null;
  value: string;
}
export interface XElement extends XNode {
  localName: string;
  namespaceURI: string | null;
  tagName: string;
  attributes: { length: number; [index: number]: XAttr };
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
}
export interface XDocument {
  documentElement: XElement | null;
}

export type ParsedXml =
  { ok: true; doc: XDocument; root: XElement } | { ok: false; code: 'malformed-xml' | 'dtd-refused' | 'input-too-large'; message: string };

const ELEMENT = 1;
const TEXT = 3;
const CDATA = 4;

const DTD_PATTERN = /<!\s*(?:DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)/i;

/** True when the text declares a DTD or entities (refused before any parsing). */
export function declaresDtd(text: string): boolean {
  return DTD_PATTERN.test(text);
}

function firstLine(message: string): string {
  return message
    .split('\n')[0]!
    .replace(/^\[xmldom \w+\]\s*/, '')
    .slice(0, 200);
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const DQUOTE = 0x22;
const SQUOTE = 0x27;

export type RawShape = 'fits' | 'too-deep' | 'too-many-elements';

/** Index of the last character of `closing` at or after `from`, or -1 when it never comes. */
function closingEnd(text: string, closing: string, from: number): number {
  const at = text.indexOf(closing, from);
  return at === -1 ? -1 : at + closing.length - 1;
}

/**
 * Whether raw XML text nests elements deeper than `maxDepth` or holds more than `maxElements`
 * elements, read in one pass without parsing: a DOM costs far more than its text (4.8 MB of
 * nesting took a parser seconds and gigabytes; a few hundred thousand sibling elements take it
 * seconds). Comments, CDATA, processing instructions and quoted attribute values are skipped; text
 * that is not well-formed is left for the parser to refuse.
 */
export function rawShape(text: string, maxDepth: number, maxElements: number): RawShape {
  let depth = 0;
  let elements = 0;
  let i = text.indexOf('<');
  while (i !== -1) {
    const next = text.charCodeAt(i + 1);
    let end: number;
    if (next === SLASH) {
      depth--;
      end = text.indexOf('>', i + 2);
    } else if (next === BANG) {
      if (text.startsWith('<!--', i)) end = closingEnd(text, '-->', i + 4);
      else if (text.startsWith('<![CDATA[', i)) end = closingEnd(text, ']]>', i + 9);
      else end = text.indexOf('>', i + 2);
    } else if (next === QUESTION) {
      end = closingEnd(text, '?>', i + 2);
    } else {
      end = i + 1;
      for (; end < text.length; end++) {
        const c = text.charCodeAt(end);
        if (c === GT || c === LT) break;
        if (c === DQUOTE || c === SQUOTE) {
          end = text.indexOf(c === DQUOTE ? '"' : "'", end + 1);
          if (end === -1) return 'fits';
        }
      }
      if (end >= text.length || text.charCodeAt(end) !== GT) return 'fits';
      if (++elements > maxElements) return 'too-many-elements';
      // An empty element (<x/>) sits one level deeper without opening one.
      if (depth + 1 > maxDepth) return 'too-deep';
      if (text.charCodeAt(end - 1) !== SLASH) depth++;
    }
    // Unterminated markup: the parser refuses it; never scan backwards.
    if (end <= i) return 'fits';
    i = text.indexOf('<', end + 1);
  }
  return 'fits';
}

/** Parses untrusted XML; never throws. Size, nesting and element count are checked on the text first. */
export function parseXmlSafely(text: string, maxChars: number, maxElements: number = MAX_RESPONSE_ELEMENTS): ParsedXml {
  if (text.length > maxChars) {
    return { ok: false, code: 'input-too-large', message: `The XML is larger than ${Math.round(maxChars / 1000)} kB and was not read.` };
  }
  const shape = rawShape(text, MAX_DEPTH, maxElements);
  if (shape === 'too-deep') {
    return {
      ok: false,
      code: 'malformed-xml',
      message: `The XML nests elements more than ${MAX_DEPTH} levels deep; no SAML document does, so it was not read.`,
    };
  }
  if (shape === 'too-many-elements') {
    return {
      ok: false,
      code: 'input-too-large',
      message: `The XML holds more than ${maxElements.toLocaleString('en-US')} elements, far more than a SAML document of this kind, so it was not read.`,
    };
  }
  if (declaresDtd(text)) {
    return {
      ok: false,
      code: 'dtd-refused',
      message:
        'The document declares a DTD or entities (<!DOCTYPE/<!ENTITY). SAML never needs them and they are the basis of entity-expansion and external-entity attacks, so it was refused without being parsed.',
    };
  }
  let problem: string | null = null;
  let doc: XDocument;
  try {
    const parser = new DOMParser({
      // Warnings are fatal too: xmldom warns (and carries on) on documents that are not
      // well-formed, and the signature library parses with another xmldom. Accepting what a
      // second parser may read differently is how signature-wrapping attacks start.
      onError: (_level: string, message: string) => {
        problem ??= firstLine(message);
        throw new Error(message);
      },
    });
    doc = parser.parseFromString(text, 'text/xml') as unknown as XDocument;
  } catch (error) {
    return { ok: false, code: 'malformed-xml', message: `The XML is not well-formed: ${problem ?? firstLine(errorMessage(error))}.` };
  }
  const root = doc?.documentElement;
  if (!root) return { ok: false, code: 'malformed-xml', message: 'The XML has no root element.' };
  // Checked again on the tree, in case the text scan and the parser ever disagree.
  if (depthExceeds(root, MAX_DEPTH)) {
    return { ok: false, code: 'malformed-xml', message: `The XML nests elements more than ${MAX_DEPTH} levels deep; no SAML document does.` };
  }
  return { ok: true, doc, root };
}

function depthExceeds(root: XNode, max: number): boolean {
  // Iterative walk: deep documents must not overflow the stack.
  const stack: Array<[XNode, number]> = [[root, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (depth > max) return true;
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === ELEMENT) stack.push([child, depth + 1]);
    }
  }
  return false;
}

export function isElement(node: XNode | null | undefined): node is XElement {
  return !!node && node.nodeType === ELEMENT;
}

export function childElements(parent: XNode, ns?: string, localName?: string): XElement[] {
  const out: XElement[] = [];
  for (let child = parent.firstChild; child; child = child.nextSibling) {
    if (!isElement(child)) continue;
    if (ns !== undefined && child.namespaceURI !== ns) continue;
    if (localName !== undefined && child.localName !== localName) continue;
    out.push(child);
  }
  return out;
}

export function firstChild(parent: XNode | null | undefined, ns: string, localName: string): XElement | null {
  if (!parent) return null;
  for (let child = parent.firstChild; child; child = child.nextSibling) {
    if (isElement(child) && child.namespaceURI === ns && child.localName === localName) return child;
  }
  return null;
}

/** Every descendant element (document order), iteratively. */
export function descendants(root: XNode, ns?: string, localName?: string): XElement[] {
  const out: XElement[] = [];
  const stack: XNode[] = [];
  for (let child = root.firstChild; child; child = child.nextSibling) stack.push(child);
  stack.reverse();
  while (stack.length) {
    const node = stack.pop()!;
    if (!isElement(node)) continue;
    if ((ns === undefined || node.namespaceURI === ns) && (localName === undefined || node.localName === localName)) out.push(node);
    const kids: XNode[] = [];
    for (let child = node.firstChild; child; child = child.nextSibling) kids.push(child);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return out;
}

/** Text content (text and CDATA, descendants included), iteratively. */
export function textOf(node: XNode | null | undefined): string {
  if (!node) return '';
  let out = '';
  const stack: XNode[] = [node];
  while (stack.length) {
    const current = stack.pop()!;
    if (current.nodeType === TEXT || current.nodeType === CDATA) out += current.nodeValue ?? '';
    const kids: XNode[] = [];
    for (let child = current.firstChild; child; child = child.nextSibling) kids.push(child);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
  return out;
}

export function trimmedText(node: XNode | null | undefined): string | null {
  if (!node) return null;
  return textOf(node).trim();
}

export function attr(element: XElement | null | undefined, name: string): string | null {
  if (!element || !element.hasAttribute(name)) return null;
  return element.getAttribute(name);
}

/** A readable path like Response/Status/StatusDetail/Response, for messages. */
export function pathOf(element: XElement): string {
  const parts: string[] = [];
  for (let node: XNode | null = element; node && isElement(node); node = node.parentNode) parts.unshift(node.localName);
  return parts.join('/');
}
