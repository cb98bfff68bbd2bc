import { IdpAdminError } from './admin-http';

/**
 * The OAuth 2.0 client-credentials grant both Okta (private-key JWT) and Auth0 (client secret) use
 * for their admin APIs, with the token kept until shortly before it ends. The refusal is handed
 * back for the provider to word in its console's terms.
 */

export interface TokenRefusal {
  status: number;
  /** The OAuth error code (invalid_scope, access_denied, …), if the server gave one. */
  error: string | null;
  /** The server's own words, one line, bounded. */
  said: string | null;
}

export interface GrantRequest {
  url: string;
  /** Sent as a form (RFC 6749), or as JSON (Auth0 takes either). */
  body: URLSearchParams | Record<string, string>;
  fetch?: typeof fetch;
  /** The message when the token endpoint cannot be reached. */
  unreachable: string;
  /** Turns a refusal into the admin's words. */
  refused: (refusal: TokenRefusal) => IdpAdminError;
  /** Lifetime to assume when the answer names none. */
  defaultLifetimeSeconds: number;
}

export class ClientCredentialsToken {
  private token: { value: string; expiresAt: number } | null = null;

  /** A valid access token: the kept one, or a new one from the token endpoint. */
  async get(request: GrantRequest): Promise<string> {
    if (this.token && this.token.expiresAt > Date.now() + 30_000) return this.token.value;
    const { body } = request;
    const json = !(body instanceof URLSearchParams);
    let response: Response;
    try {
      response = await (request.fetch ?? fetch)(request.url, {
        method: 'POST',
        headers: { 'content-type': json ? 'application/json' : 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: body instanceof URLSearchParams ? body : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
        redirect: 'error',
      });
    } catch {
      throw new IdpAdminError('network', request.unreachable);
    }
    const answer = (await response.json().catch(() => null)) as {
      access_token?: string;
      expires_in?: number;
      error?: string;
      error_description?: string;
    } | null;
    if (!response.ok || !answer?.access_token) {
      const said = typeof answer?.error_description === 'string' ? answer.error_description.replace(/\s+/g, ' ').slice(0, 300) : null;
      throw request.refused({ status: response.status, error: typeof answer?.error === 'string' ? answer.error : null, said });
    }
    this.token = { value: answer.access_token, expiresAt: Date.now() + (answer.expires_in ?? request.defaultLifetimeSeconds) * 1000 };
    return answer.access_token;
  }
}
