import { createServer, type Socket } from 'node:net';

/** One connection the tripwire accepted, and what the browser said first on it. */
export interface TripwireConnection {
  /** The host the browser meant: the TLS ClientHello's server name, or the HTTP Host header. */
  host: string | null;
  protocol: 'tls' | 'http' | 'unknown';
  /** Plain HTTP only: the request line's method and path. */
  method?: string;
  path?: string;
  /** Plain HTTP only: the body carried a SAMLResponse field. */
  samlResponse: boolean;
}

export interface Tripwire {
  port: number;
  /** TCP connections accepted so far. */
  connections(): number;
  /** What each connection was for, as far as the first bytes tell (settles shortly after connect). */
  seen(): TripwireConnection[];
  /** "host (protocol)" per connection, for an assertion message. */
  describe(from?: number): string;
  close(): Promise<void>;
}

/** The server_name of a TLS ClientHello, or null when the bytes are not one (or hold none). */
export function tlsServerName(data: Buffer): string | null {
  try {
    if (data[0] !== 0x16 || data[5] !== 0x01) return null;
    let at = 5 + 4 + 2 + 32; // record header, handshake header, client version, random
    at += 1 + data[at]!; // session id
    at += 2 + data.readUInt16BE(at); // cipher suites
    at += 1 + data[at]!; // compression methods
    const end = at + 2 + data.readUInt16BE(at);
    at += 2;
    while (at + 4 <= end) {
      const type = data.readUInt16BE(at);
      const length = data.readUInt16BE(at + 2);
      if (type === 0) {
        const nameLength = data.readUInt16BE(at + 7);
        return data.toString('latin1', at + 9, at + 9 + nameLength);
      }
      at += 4 + length;
    }
    return null;
  } catch {
    return null;
  }
}

const MAX_HTTP_BYTES = 1_000_000;
const SETTLE_MS = 2000;

/**
 * A TCP listener standing in for every host the browser must not reach (Twilio, Google's
 * background services, another company's ACS): hosts are mapped to it with
 * --host-resolver-rules, so any connection the browser opens (a real request, a pre-connect by
 * the predictor, a TLS handshake) is counted here, with the host it was meant for.
 */
export async function startTripwire(): Promise<Tripwire> {
  const seen: TripwireConnection[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    const entry: TripwireConnection = { host: null, protocol: 'unknown', samlResponse: false };
    seen.push(entry);
    sockets.add(socket);
    let buffered = Buffer.alloc(0);
    const done = (): void => void socket.destroy();
    const timer = setTimeout(done, SETTLE_MS);
    socket.on('close', () => {
      clearTimeout(timer);
      sockets.delete(socket);
    });
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      if (buffered[0] === 0x16) {
        entry.protocol = 'tls';
        entry.host = tlsServerName(buffered);
        done();
        return;
      }
      const text = buffered.toString('latin1');
      const headerEnd = text.indexOf('\r\n\r\n');
      if (headerEnd < 0) {
        if (buffered.length > MAX_HTTP_BYTES) done();
        return;
      }
      const [requestLine = '', ...headers] = text.slice(0, headerEnd).split('\r\n');
      const [method, path] = requestLine.split(' ');
      entry.protocol = method && /^[A-Z]+$/.test(method) ? 'http' : 'unknown';
      entry.method = method;
      entry.path = path;
      const header = (name: string): string | undefined =>
        headers
          .find((line) => line.toLowerCase().startsWith(`${name}:`))
          ?.slice(name.length + 1)
          .trim();
      entry.host = header('host') ?? null;
      const length = Number(header('content-length') ?? 0);
      const body = text.slice(headerEnd + 4);
      if (body.length >= Math.min(length, MAX_HTTP_BYTES) || buffered.length > MAX_HTTP_BYTES) {
        entry.samlResponse = /(^|[&"\s])SAMLResponse\b/i.test(body);
        done();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    port,
    connections: () => seen.length,
    seen: () => [...seen],
    describe: (from = 0) =>
      seen
        .slice(from)
        .map((c) => `${c.host ?? '?'} (${c.protocol}${c.method ? ` ${c.method} ${c.path}` : ''}${c.samlResponse ? ', SAMLResponse' : ''})`)
        .join(', ') || 'none',
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A TCP port on 127.0.0.1 where nothing listens (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
