/**
 * Downloads IdP metadata from a URL (main side only): HTTPS expected (plain HTTP only for this
 * computer's loopback addresses), a timeout, a size limit, and errors written for the user.
 */
import { UserFacingError } from '../api-dispatch';

export interface FetchMetadataOptions {
  timeoutMs?: number;
  maxBytes?: number;
  signal?: AbortSignal;
}

export const DEFAULT_FETCH_TIMEOUT_MS = 15_000;
export const DEFAULT_FETCH_MAX_BYTES = 5_000_000;

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

function describeNetworkError(error: unknown, url: URL, timeoutMs: number, timedOut: boolean): string {
  if (timedOut) return `${url.host} did not answer within ${Math.round(timeoutMs / 1000)} seconds.`;
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const code = cause?.code ?? (error as { code?: string })?.code ?? '';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `The host ${url.hostname} could not be found; check the address.`;
  if (code === 'ECONNREFUSED') return `${url.host} refused the connection.`;
  if (code === 'ECONNRESET') return `${url.host} closed the connection.`;
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY/i.test(code)) return `The HTTPS certificate of ${url.hostname} is not trusted (${code}).`;
  // TLS failures (wrong version, plain HTTP on an https:// address) carry OpenSSL's internal text.
  if (/^ERR_SSL_|^EPROTO$/.test(code) || /SSL routines|wrong version number/i.test(cause?.message ?? '')) {
    return `A secure (HTTPS) connection to ${url.host} could not be made; check that the address is right and that the server speaks HTTPS.`;
  }
  const text = cause?.message ?? (error instanceof Error ? error.message : String(error));
  return `The metadata could not be downloaded from ${url.host}: ${text.split('\n')[0]}.`;
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
  const loopback = LOOPBACK.has(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new UserFacingError(
      url.protocol === 'http:'
        ? `The metadata URL must use HTTPS (got ${url.protocol}//${url.host}); plain HTTP lets anyone on the way swap the certificate.`
        : `The metadata URL must be an https:// address, not ${url.protocol}.`,
    );
  }
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = () => controller.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    let response: Response;
    try {
      response = await fetch(url, { signal: controller.signal, redirect: 'follow', headers: { accept: 'application/samlmetadata+xml, application/xml, text/xml;q=0.9, */*;q=0.1' } });
    } catch (error) {
      if (options.signal?.aborted) throw new UserFacingError('The download was cancelled.');
      throw new UserFacingError(describeNetworkError(error, url, timeoutMs, timedOut));
    }
    const finalUrl = new URL(response.url || url.href);
    if (finalUrl.protocol !== 'https:' && !(finalUrl.protocol === 'http:' && LOOPBACK.has(finalUrl.hostname))) {
      throw new UserFacingError(`The metadata URL redirected to a non-HTTPS address (${finalUrl.protocol}//${finalUrl.host}); refused.`);
    }
    if (!response.ok) {
      throw new UserFacingError(
        `${url.host} answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}${response.status === 401 || response.status === 403 ? ': the metadata is not public at this address, or it needs a sign-in' : response.status === 404 ? ': nothing at this address; copy the metadata URL again' : ''}.`,
      );
    }
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
