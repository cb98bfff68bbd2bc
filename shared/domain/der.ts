/** A minimal DER reader: enough of ASN.1 to read an X.509 certificate's outer fields. */
export interface DerNode {
  tag: number;
  /** Offset of the content within the buffer. */
  start: number;
  length: number;
  /** Offset just past the node. */
  end: number;
  /** Offset of the tag byte (the node's full encoding is bytes[header..end]). */
  header: number;
}

export class DerError extends Error {
  /** The bytes end before the structure does: a certificate copied in part. */
  readonly truncated: boolean;
  constructor(message: string, options: { truncated?: boolean } = {}) {
    super(message);
    this.truncated = options.truncated ?? false;
  }
}

export function readNode(bytes: Uint8Array, offset: number): DerNode {
  if (offset + 2 > bytes.length) throw new DerError('truncated DER', { truncated: true });
  const tag = bytes[offset]!;
  let length = bytes[offset + 1]!;
  let start = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4 || start + count > bytes.length) throw new DerError('unsupported DER length');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[start + i]!;
    start += count;
  }
  const end = start + length;
  if (end > bytes.length) throw new DerError('DER length runs past the end', { truncated: true });
  return { tag, start, length, end, header: offset };
}

export function children(bytes: Uint8Array, node: DerNode): DerNode[] {
  const out: DerNode[] = [];
  let offset = node.start;
  while (offset < node.end) {
    const child = readNode(bytes, offset);
    out.push(child);
    offset = child.end;
  }
  return out;
}

export function oid(bytes: Uint8Array, node: DerNode): string {
  const parts: number[] = [];
  let value = 0;
  for (let i = node.start; i < node.end; i++) {
    const byte = bytes[i]!;
    value = value * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      if (parts.length === 0) parts.push(value < 80 ? Math.floor(value / 40) : 2, value < 80 ? value % 40 : value - 80);
      else parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}

export function text(bytes: Uint8Array, node: DerNode): string {
  const content = bytes.subarray(node.start, node.end);
  if (node.tag === 0x1e) {
    let out = '';
    for (let i = 0; i + 1 < content.length; i += 2) out += String.fromCharCode((content[i]! << 8) | content[i + 1]!);
    return out;
  }
  return new TextDecoder().decode(content);
}

/** UTCTime (0x17) or GeneralizedTime (0x18) to a Date. */
export function time(bytes: Uint8Array, node: DerNode): Date {
  const raw = text(bytes, node);
  const match =
    node.tag === 0x17 ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/.exec(raw) : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:\.\d+)?Z$/.exec(raw);
  if (!match) throw new DerError(`unreadable certificate date "${raw}"`);
  let year = Number(match[1]);
  if (node.tag === 0x17) year += year < 50 ? 2000 : 1900;
  return new Date(Date.UTC(year, Number(match[2]) - 1, Number(match[3]), Number(match[4]), Number(match[5]), Number(match[6] ?? 0)));
}
