import { UserFacingError } from '../errors';
import { sentence } from '../../../shared/text';

export const ADMIN_PROBLEMS = ['unauthorized', 'forbidden', 'not-found', 'conflict', 'rate-limited', 'network', 'server', 'bad-request', 'cancelled'] as const;
export type AdminProblem = (typeof ADMIN_PROBLEMS)[number];

/** An admin-API failure, with a message written for the admin (never a token, never a stack). */
export class IdpAdminError extends UserFacingError {
  /** What went wrong, without `retry`: for callers that say themselves what to do next (storing a credential). */
  readonly said: string;
  constructor(
    readonly problem: AdminProblem,
    message: string,
    readonly status: number | null = null,
    /** What to do about it during a run ("run it again: it continues where it stopped"). */
    retry?: string,
  ) {
    super(retry ? `${message} ${retry}` : message);
    this.said = message;
  }
}

/** A run that stopped part-way continues from its journal. */
const RUN_AGAIN = 'Run it again: it continues where it stopped.';

/** What the provider tells the HTTP layer about its API, to word errors in its console's terms. */
export interface AdminApiDescription {
  /** "Microsoft Graph", "the Okta management API", "the Auth0 Management API". */
  name: string;
  /** How to sign in again (401). */
  signInAgain: string;
  /** How to grant a permission or scope (403), given its name. */
  grant: (permission: string) => string;
  /** Reads the error body's own message, when the API has one. */
  errorText?: (body: unknown) => string | null;
}

export interface RetryPolicy {
  /** Waits between attempts while a just-created object is not visible yet (404). */
  replicationDelaysMs: readonly number[];
  /** How many 429 answers to wait out before giving up. */
  maxRateLimitWaits: number;
  /** The longest Retry-After honoured, in ms; longer waits fail with the time to come back. */
  maxRetryAfterMs: number;
}

const DEFAULT_RETRY: RetryPolicy = {
  replicationDelaysMs: [500, 1000, 2000, 4000, 8000, 8000],
  maxRateLimitWaits: 5,
  maxRetryAfterMs: 60_000,
};

export interface AdminRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Absolute URL, or a path joined to the base URL. */
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** The permission this call needs, named in a 403 message. */
  permission: string;
  /** Retry a 404 a bounded number of times (the object was just created: replication). */
  retryNotFound?: boolean;
  /** A 404 is an answer, not a failure (returns null). */
  allowNotFound?: boolean;
  /** Answer the body as text (metadata XML). */
  text?: boolean;
  /** Public data on another host (metadata): no credentials are sent. */
  anonymous?: boolean;
  signal: AbortSignal;
}

export interface AdminHttpOptions {
  baseUrl: string;
  api: AdminApiDescription;
  /** Authorization header value (e.g. `Bearer …`, `SSWS …`), asked for before every request. */
  authorization: () => Promise<string>;
  retry?: Partial<RetryPolicy>;
  fetch?: typeof fetch;
  /** Waits ms (tests make it instant); rejects when the signal aborts. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  timeoutMs?: number;
}

const MAX_BODY = 5_000_000;

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new IdpAdminError('cancelled', 'Cancelled.'));
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(new IdpAdminError('cancelled', 'Cancelled.'));
      },
      { once: true },
    );
  });
}

/** Retry-After (seconds or an HTTP date), or Okta's X-Rate-Limit-Reset / Auth0's X-RateLimit-Reset (epoch seconds). */
function retryAfterMs(headers: Headers, now = Date.now()): number | null {
  const after = headers.get('retry-after');
  if (after) {
    if (/^\d+$/.test(after.trim())) return Number(after.trim()) * 1000;
    const date = Date.parse(after);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const reset = headers.get('x-rate-limit-reset') ?? headers.get('x-ratelimit-reset');
  if (reset && /^\d+$/.test(reset.trim())) return Math.max(0, Number(reset.trim()) * 1000 - now);
  return null;
}

/**
 * The one HTTP client under every provider: bounded retries for replication (404) and rate limits
 * (429, honouring Retry-After), and every failure turned into an IdpAdminError in the admin's words.
 */
export class AdminHttp {
  private readonly retry: RetryPolicy;
  private readonly fetchImpl: typeof fetch;
  private readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;

  constructor(private readonly options: AdminHttpOptions) {
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.fetchImpl = options.fetch ?? fetch;
    this.sleep = options.sleep ?? abortableSleep;
  }

  get baseUrl(): string {
    return this.options.baseUrl;
  }

  /** Waits as this client waits between retries (instant in tests); rejects when cancelled. */
  pause(ms: number, signal: AbortSignal): Promise<void> {
    return this.sleep(ms, signal);
  }

  private url(path: string): string {
    if (/^https?:\/\//.test(path)) return path;
    return `${this.options.baseUrl.replace(/\/+$/, '')}${path.startsWith('/') ? '' : '/'}${path}`;
  }

  async request<T = unknown>(request: AdminRequest): Promise<T | null> {
    const { api } = this.options;
    let replicationTry = 0;
    let rateLimitWaits = 0;
    for (;;) {
      if (request.signal.aborted) throw new IdpAdminError('cancelled', 'Cancelled.');
      const response = await this.send(request);
      if (response.status === 404 && request.retryNotFound && replicationTry < this.retry.replicationDelaysMs.length) {
        await this.sleep(this.retry.replicationDelaysMs[replicationTry]!, request.signal);
        replicationTry += 1;
        continue;
      }
      if (response.status === 429) {
        const wait = retryAfterMs(response.headers) ?? 1000 * 2 ** rateLimitWaits;
        if (rateLimitWaits < this.retry.maxRateLimitWaits && wait <= this.retry.maxRetryAfterMs) {
          rateLimitWaits += 1;
          await this.sleep(wait, request.signal);
          continue;
        }
        throw new IdpAdminError(
          'rate-limited',
          `${api.name} is limiting the number of requests (429) and asks to wait ${Math.ceil(wait / 1000)} seconds. Nothing is lost.`,
          429,
          'Run it again after that: it continues where it stopped.',
        );
      }
      const body = await this.readBody(response, request.text === true && response.ok);
      if (response.ok) return body as T;
      if (response.status === 404 && request.allowNotFound) return null;
      throw this.failure(response.status, body, request, replicationTry);
    }
  }

  private async send(request: AdminRequest): Promise<Response> {
    const headers: Record<string, string> = { accept: request.text ? 'application/xml, text/xml' : 'application/json', ...request.headers };
    if (!request.anonymous) headers.authorization = await this.options.authorization();
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    const timeout = AbortSignal.timeout(this.options.timeoutMs ?? 30_000);
    try {
      return await this.fetchImpl(this.url(request.path), {
        method: request.method,
        headers,
        ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
        signal: AbortSignal.any([request.signal, timeout]),
        redirect: 'error',
      });
    } catch (error) {
      if (request.signal.aborted) throw new IdpAdminError('cancelled', 'Cancelled.');
      if (error instanceof IdpAdminError) throw error;
      const reason = timeout.aborted ? 'it did not answer in time' : 'the connection failed';
      throw new IdpAdminError('network', `${this.options.api.name} could not be reached (${reason}).`, null, `Check the network connection. ${RUN_AGAIN}`);
    }
  }

  /** The IdP's public SAML metadata at `url`: sent without a token, and asked again while the IdP has not published it yet. */
  async publicMetadata(url: string, signal: AbortSignal): Promise<string> {
    const text = await this.request<string>({
      method: 'GET',
      path: url,
      permission: 'none (public metadata)',
      text: true,
      anonymous: true,
      retryNotFound: true,
      signal,
    });
    return text ?? '';
  }

  private async readBody(response: Response, asText: boolean): Promise<unknown> {
    const length = Number(response.headers.get('content-length') ?? '0');
    if (length > MAX_BODY) throw new IdpAdminError('server', `${this.options.api.name} answered with more data than expected (${length} bytes).`);
    const text = await response.text();
    if (text.length > MAX_BODY) throw new IdpAdminError('server', `${this.options.api.name} answered with more data than expected.`);
    if (asText) return text;
    if (text.trim() === '') return null;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      if (response.ok) throw new IdpAdminError('server', `${this.options.api.name} answered something that is not JSON.`);
      return text;
    }
  }

  private failure(status: number, body: unknown, request: AdminRequest, replicationTries: number): IdpAdminError {
    const { api } = this.options;
    const said = api.errorText?.(body) ?? null;
    const detail = said ? ` ${api.name} said: ${sentence(said.replace(/\s+/g, ' ').slice(0, 400))}` : '';
    switch (status) {
      case 401:
        return new IdpAdminError('unauthorized', `${api.name} did not accept the sign-in (401): it has expired or was revoked. ${api.signInAgain}`, status);
      case 403:
        return new IdpAdminError(
          'forbidden',
          `${api.name} refused this change (403): it needs the permission ${request.permission}. ${api.grant(request.permission)}${detail}`,
          status,
        );
      case 404:
        return new IdpAdminError(
          'not-found',
          replicationTries > 0
            ? `${api.name} still does not show the object it just created, after ${replicationTries} tries. It can take a few minutes to appear everywhere: run it again later, and it continues where it stopped.`
            : `${api.name} does not know the object this step changes (404): it may have been deleted in the console.${detail}`,
          status,
        );
      case 409:
        return new IdpAdminError(
          'conflict',
          `${api.name} says it already exists (409). Let the wizard adopt the existing one by running it again, or choose another app name.${detail}`,
          status,
        );
      case 400:
      case 422:
        return new IdpAdminError('bad-request', `${api.name} refused the request (${status}).${detail || ' It gave no reason.'}`, status);
      default:
        return new IdpAdminError(
          'server',
          `${api.name} failed (${status}).${detail}`,
          status,
          'Try again in a few minutes: the run continues where it stopped.',
        );
    }
  }
}
