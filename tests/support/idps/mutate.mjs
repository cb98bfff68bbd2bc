// Mutation engine for fuzzing the SAML analysis: truncations, byte edits, attribute edits,
// element moves, encoding changes, DTD injection, deep nesting. Deterministic for a given seed.
import { Buffer } from 'node:buffer';
import { DOMParser, XMLSerializer } from '@xmldom/xmldom';

/** Small deterministic PRNG (mulberry32). */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = (r, list) => list[Math.floor(r() * list.length)];
const int = (r, n) => Math.floor(r() * n);
const NOISE = [
  '',
  'x',
  '"',
  '<',
  '>',
  '&',
  '&amp;',
  ']]>',
  '<!--',
  '\u0000',
  '\uFFFD',
  'é',
  '😀',
  ' ',
  '\n',
  '=',
  'urn:flex:JQ0123456789abcdef0123456789abcdef',
  'admin',
];

function withDom(xml, edit) {
  let failed = false;
  const doc = new DOMParser({
    onError: () => {
      failed = true;
    },
  }).parseFromString(xml, 'text/xml');
  if (failed || !doc.documentElement) return xml;
  const elements = Array.from(doc.getElementsByTagName('*'));
  if (elements.length < 2) return xml;
  edit(doc, elements);
  return new XMLSerializer().serializeToString(doc);
}

export const MUTATIONS = {
  truncate: (xml, r) => xml.slice(0, int(r, xml.length)),
  deleteRange: (xml, r) => {
    const a = int(r, xml.length);
    return xml.slice(0, a) + xml.slice(a + 1 + int(r, 64));
  },
  duplicateRange: (xml, r) => {
    const a = int(r, xml.length);
    const b = a + int(r, 200);
    return xml.slice(0, b) + xml.slice(a, b) + xml.slice(b);
  },
  insertNoise: (xml, r) => {
    const a = int(r, xml.length);
    return xml.slice(0, a) + pick(r, NOISE) + xml.slice(a);
  },
  flipChar: (xml, r) => {
    const a = int(r, xml.length);
    return xml.slice(0, a) + String.fromCharCode(xml.charCodeAt(a) ^ (1 << int(r, 7))) + xml.slice(a + 1);
  },
  attributeValue: (xml, r) => {
    const matches = [...xml.matchAll(/(\s[\w:.-]+=")([^"]*)"/g)];
    if (!matches.length) return xml;
    const m = pick(r, matches);
    return xml.slice(0, m.index) + m[1] + pick(r, NOISE) + pick(r, ['', m[2], m[2] + m[2]]) + '"' + xml.slice(m.index + m[0].length);
  },
  attributeDrop: (xml, r) => {
    const matches = [...xml.matchAll(/\s[\w:.-]+="[^"]*"/g)];
    if (!matches.length) return xml;
    const m = pick(r, matches);
    return xml.slice(0, m.index) + xml.slice(m.index + m[0].length);
  },
  textValue: (xml, r) => {
    const matches = [...xml.matchAll(/>([^<]{1,200})</g)];
    if (!matches.length) return xml;
    const m = pick(r, matches);
    return xml.slice(0, m.index + 1) + pick(r, NOISE) + m[1].slice(int(r, m[1].length)) + xml.slice(m.index + 1 + m[1].length);
  },
  moveElement: (xml, r) =>
    withDom(xml, (doc, elements) => {
      const node = pick(r, elements.slice(1));
      const target = pick(r, elements);
      if (node.contains?.(target) || node === target) return;
      let p = target;
      while (p) {
        if (p === node) return;
        p = p.parentNode;
      }
      node.parentNode.removeChild(node);
      target.appendChild(node);
    }),
  copyElement: (xml, r) =>
    withDom(xml, (doc, elements) => {
      const node = pick(r, elements.slice(1));
      const target = pick(r, elements);
      target.appendChild(node.cloneNode(true));
    }),
  removeElement: (xml, r) =>
    withDom(xml, (doc, elements) => {
      const node = pick(r, elements.slice(1));
      node.parentNode.removeChild(node);
    }),
  renamePrefix: (xml, r) =>
    xml.replace(new RegExp(`(</?)${pick(r, ['saml', 'samlp', 'ds', 'saml2', 'saml2p'])}:`, 'g'), `$1${pick(r, ['x', 'saml', 'samlp', 'ds'])}:`),
  crlf: (xml) => xml.replace(/\n/g, '\r\n'),
  bom: (xml) => '\uFEFF' + xml,
  base64: (xml) => Buffer.from(xml, 'utf8').toString('base64'),
  base64Wrapped: (xml) => Buffer.from(xml, 'utf8').toString('base64').replace(/.{76}/g, '$&\n'),
  base64Broken: (xml, r) => {
    const b = Buffer.from(xml, 'utf8').toString('base64');
    const a = int(r, b.length);
    return b.slice(0, a) + pick(r, ['!', '%', '=', '-', ' ']) + b.slice(a);
  },
  postBody: (xml, r) =>
    `SAMLResponse=${encodeURIComponent(Buffer.from(xml).toString('base64'))}&RelayState=${encodeURIComponent(pick(r, ['', 'https://flex.twilio.com/x', '%', '&&&']))}`,
  postBodyBadEscape: (xml) => `SAMLResponse=${Buffer.from(xml).toString('base64').slice(0, 40)}%ZZ&RelayState=x`,
  utf16: (xml) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]).toString('base64'),
  latin1: (xml) => Buffer.from(xml, 'utf8').toString('latin1'),
  doctype: (xml) => xml.replace(/^(<\?xml[^>]*\?>)?/, '$1<!DOCTYPE r [<!ENTITY e "x">]>'),
  entityRef: (xml, r) => {
    const a = xml.indexOf('>', int(r, xml.length));
    return a < 0 ? xml : xml.slice(0, a + 1) + pick(r, ['&e;', '&#0;', '&#xD800;', '&lt;']) + xml.slice(a + 1);
  },
  deepNesting: (xml) => {
    const n = 5000;
    return xml.replace(/(<[^?!][^>]*>)/, `$1${'<a>'.repeat(n)}${'</a>'.repeat(n)}`);
  },
  manyAttributes: (xml) => xml.replace(/(<[^?!/][\w:]*)/, `$1 ${Array.from({ length: 2000 }, (_, i) => `a${i}="${i}"`).join(' ')}`),
  cdata: (xml, r) => xml.replace(/>([^<]{3,})</, pick(r, ['><![CDATA[$1]]><', '><!--c-->$1<'])),
  processingInstruction: (xml) => xml.replace(/(<\/[^>]+>)$/, '<?pi x?>$1'),
};

export const MUTATION_NAMES = Object.keys(MUTATIONS);

/** One to three mutations in a row. */
export function mutate(xml, r) {
  let out = xml;
  const steps = [];
  const n = 1 + int(r, 3);
  for (let i = 0; i < n; i++) {
    const name = pick(r, MUTATION_NAMES);
    steps.push(name);
    try {
      out = MUTATIONS[name](out, r);
    } catch {
      // a mutation that cannot apply leaves the text as it is
    }
    if (['base64', 'base64Wrapped', 'base64Broken', 'postBody', 'postBodyBadEscape', 'utf16'].includes(name)) break;
  }
  return { text: out, steps };
}

/**
 * Checks one analysis result; returns a problem description or null.
 * `original`: the facts the unmutated, validly signed response showed (or null).
 */
export function checkReport(report, original) {
  if (!report || typeof report !== 'object') return 'no report';
  try {
    JSON.stringify(report);
  } catch {
    return 'report is not JSON';
  }
  if (typeof report.ok !== 'boolean') return 'ok is not a boolean';
  if (!report.signature || typeof report.signature.checked !== 'boolean') return 'bad signature summary';
  if (!Array.isArray(report.findings)) return 'findings is not an array';
  for (const f of report.findings) {
    if (typeof f.code !== 'string' || !['error', 'warning', 'info'].includes(f.severity) || typeof f.message !== 'string' || typeof f.fix !== 'string')
      return `bad finding ${JSON.stringify(f)}`;
  }
  if (!['ok', 'fail', 'unverified'].includes(report.verdict)) return `bad verdict ${JSON.stringify(report.verdict)}`;
  if (report.ok !== (report.verdict === 'ok')) return 'ok disagrees with the verdict';
  if ((report.verdict === 'fail') !== report.findings.some((f) => f.severity === 'error')) return 'the verdict disagrees with the findings';
  if (report.facts === null && report.ok) return 'ok without facts';
  if (report.ok && (report.signature.valid !== true || report.signature.certificate !== 'given'))
    return 'ok without a signature checked against the given certificate';
  if (original && report.signature.valid === true && report.signature.certificate === 'given') {
    for (const key of ['nameId', 'audience', 'recipient', 'notBefore', 'notOnOrAfter', 'assertionId', 'sessionNotOnOrAfter']) {
      if (report.facts[key] !== original[key])
        return `a verified fact changed under mutation: ${key} ${JSON.stringify(original[key])} -> ${JSON.stringify(report.facts[key])}`;
    }
    if (JSON.stringify(report.facts.attributes) !== JSON.stringify(original.attributes)) return 'verified attributes changed under mutation';
  }
  return null;
}
