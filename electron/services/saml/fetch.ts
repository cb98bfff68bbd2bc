/**
 * Downloads IdP metadata from a URL (main side only): HTTPS expected (plain HTTP only for this
 * computer's loopback addresses), a timeout, a size limit, and errors written for the user.
 *
 * Redirects are followed by hand, one hop at a time, and every hop is checked before it is
 * requested (see refuseHop): a chain may never step down from HTTPS to plain HTTP, never reach a
 * plain-HTTP address other than this computer's loopback (and that only when the whole chain is
 * on loopback, for local testing), and never move from a public host to an internal address.
 */
import { networkInterfaces } from 'node:os';
import { UserFacingError } from '../errors';
import { errorMessage } from '../../../shared/errors';
import { isInternalHost, isLoopbackHost } from '../../../shared/domain/urls';

export interface FetchMetadataOptions {
  timeoutMs?: number;
  maxBytes?: number;
  signal?: AbortSignal;
}

export const DEFAULT_FETCH_TIMEOUT_MS = 15_000;
export const DEFAULT_FETCH_MAX_BYTES = 5_000_000;
export const MAX_METADATA_REDIRECTS = 5;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

function where(url: URL): string {
  return `${url.protocol}//${url.host}`;
}

/**
 * Why the next hop of a download may not be requested, or null when it may. `chain` holds the
 * hops already requested, first the address the user gave; empty for that first address.
 */
export function refuseHop(next: URL, chain: readonly URL[]): string | null {
  const previous = chain.at(-1);
  if (next.protocol !== 'https:' && next.protocol !== 'http:') {
    return previous
      ? `The metadata URL redirected to a ${next.protocol} address; refused, only https:// is followed.`
      : `The metadata URL must be an https:// address, not ${next.protocol}.`;
  }
  if (!previous) {
    if (next.protocol === 'http:' && !isLoopbackHost(next.hostname)) {
      return `The metadata URL must use HTTPS (got ${where(next)}); plain HTTP lets anyone on the way swap the certificate.`;
    }
    return null;
  }
  if (next.protocol === 'http:') {
    const allLoopbackHttp = chain.every((hop) => hop.protocol === 'http:' && isLoopbackHost(hop.hostname));
    if (!isLoopbackHost(next.hostname) || !allLoopbackHttp) {
      const from = chain.some((hop) => hop.protocol === 'https:') ? ' from HTTPS' : '';
      return `The metadata URL redirected${from} to a plain HTTP address (${where(next)}); refused, because without HTTPS anyone on the way could swap the certificate.`;
    }
  }
  if (isInternalHost(next.hostname) && !isInternalHost(previous.hostname)) {
    return `${previous.host} redirected the download to an address inside this computer or its network (${next.host}); refused.`;
  }
  return null;
}

/** No network interface but loopback is up: this computer is not on any network. */
export function onNoNetwork(): boolean {
  return Object.values(networkInterfaces()).every((addresses) => (addresses ?? []).every((address) => address.internal));
}

const OTHER_WAYS = 'or import the metadata from its file or pasted text instead';

export function describeNetworkError(error: unknown, url: URL, timeoutMs: number, timedOut: boolean, offline: () => boolean = onNoNetwork): string {
  if (timedOut) return `${url.host} did not answer within ${Math.round(timeoutMs / 1000)} seconds.`;
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const code = cause?.code ?? (error as { code?: string })?.code ?? '';
  const unreachable = code === 'ENETUNREACH' || code === 'EHOSTUNREACH' || code === 'ENETDOWN';
  if (code === 'EAI_AGAIN' || ((code === 'ENOTFOUND' || unreachable) && offline())) {
    return `You seem to be offline: ${url.host} could not be reached. Connect to the network and download again, ${OTHER_WAYS}.`;
  }
  if (unreachable) return `${url.host} cannot be reached from this network. Check the connection and download again, ${OTHER_WAYS}.`;
  if (code === 'ENOTFOUND') return `The host ${url.hostname} could not be found; check the address.`;
  if (code === 'ECONNREFUSED') return `${url.host} refused the connection.`;
  if (code === 'ECONNRESET') return `${url.host} closed the connection.`;
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY/i.test(code)) return `The HTTPS certificate of ${url.hostname} is not trusted (${code}).`;
  // TLS failures (wrong version, plain HTTP on an https:// address) carry OpenSSL's internal text.
  if (/^ERR_SSL_|^EPROTO$/.test(code) || /SSL routines|wrong version number/i.test(cause?.message ?? '')) {
    return `A secure (HTTPS) connection to ${url.host} could not be made; check that the address is right and that the server speaks HTTPS.`;
  }
  const text = cause?.message ?? errorMessage(error);
  // fetch refuses the ports the Fetch standard blocks (mail, X11…) before connecting, saying only "bad port".
  if (text === 'bad port') {
    return `The address ${url.href} has port ${url.port}, which is not a valid port for a download (it belongs to another kind of service); check the URL: a metadata URL normally has no port.`;
  }
  return `The metadata could not be downloaded from ${url.host}: ${text.split('\n')[0]}.`;
}

function describeStatus(response: Response, url: URL): string {
  const hint =
    response.status === 401 || response.status === 403
      ? ': the metadata is not public at this address, or it needs a sign-in'
      : response.status === 404
        ? ': nothing at this address; copy the metadata URL again'
        : '';
  return `${url.host} answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}${hint}.`;
}

/** Fetches metadata text; throws UserFacingError with a clear message on any failure. */
export async function fetchMetadata(address: string, options: FetchMetadataOptions = {}): Promise<string> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_FETCH_MAX_BYTES;
  let url: URL;
  try {
    url = new URL(address.trim());
  } catch {
    throw new UserFacingError(`"${address.slice(0, 100)}" is not a URL.`);
  }
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = () => controller.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const chain: URL[] = [];
  try {
    let response: Response;
    for (;;) {
      const refusal = refuseHop(url, chain);
      if (refusal) throw new UserFacingError(refusal);
      chain.push(url);
      try {
        response = await fetch(url, {
          signal: controller.signal,
          redirect: 'manual',
          headers: { accept: 'application/samlmetadata+xml, application/xml, text/xml;q=0.9, */*;q=0.1' },
        });
      } catch (error) {
        if (options.signal?.aborted) throw new UserFacingError('The download was cancelled.');
        throw new UserFacingError(describeNetworkError(error, url, timeoutMs, timedOut));
      }
      if (!REDIRECT_STATUSES.has(response.status)) break;
      await response.body?.cancel().catch(() => undefined);
      const location = response.headers.get('location');
      if (!location)
        throw new UserFacingError(`${url.host} answered ${response.status} (a redirect) without saying where to; the metadata is not at this address.`);
      if (chain.length > MAX_METADATA_REDIRECTS)
        throw new UserFacingError(
          `The metadata URL redirected more than ${MAX_METADATA_REDIRECTS} times; refused. Copy the metadata URL again from the IdP's console.`,
        );
      try {
        url = new URL(location, url);
      } catch {
        throw new UserFacingError(`${url.host} redirected to "${location.slice(0, 100)}", which is not a URL.`);
      }
    }
    if (!response.ok) throw new UserFacingError(describeStatus(response, url));
    const declared = Number(response.headers.get('content-length') ?? '0');
    if (declared > maxBytes) throw new UserFacingError(`The metadata is ${declared} bytes, more than the ${maxBytes}-byte limit.`);
    const reader = response.body?.getReader();
    const chunks: Uint8Array[] = [];
    let total = 0;
    if (reader) {
      for (;;) {
        let part: ReadableStreamReadResult<Uint8Array>;
        try {
          part = await reader.read();
        } catch (error) {
          if (options.signal?.aborted) throw new UserFacingError('The download was cancelled.');
          throw new UserFacingError(describeNetworkError(error, url, timeoutMs, timedOut));
        }
        if (part.done) break;
        total += part.value.byteLength;
        if (total > maxBytes) {
          controller.abort();
          throw new UserFacingError(`The metadata is larger than the ${maxBytes}-byte limit; refused.`);
        }
        chunks.push(part.value);
      }
    }
    const text = Buffer.concat(chunks).toString('utf8');
    if (text.trim() === '') throw new UserFacingError(`${url.host} answered with an empty body, not metadata.`);
    return text;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}
