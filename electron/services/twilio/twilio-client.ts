import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import type TwilioResponse from 'twilio/lib/http/response';

export interface TwilioCredentials {
  accountSid: string;
  /** Auth Token authentication: the Account SID; API key authentication: the key SID (SK…). */
  username: string;
  password: string;
}

export interface TwilioClientOptions {
  /**
   * Tests only: send every request to this base URL instead of Twilio's servers, with the real
   * host as the first path segment (`https://flex-api.twilio.com/v1/Configuration` becomes
   * `<base>/flex-api.twilio.com/v1/Configuration`). Used with tests/support/fake-twilio.
   */
  baseUrl?: string;
  timeoutMs?: number;
}

/**
 * The library's own HTTP client, with the target rewritten when a base URL is given: the supported
 * way to point the twilio library elsewhere is a custom `httpClient` (a RequestClient).
 */
class RedirectingRequestClient extends twilio.RequestClient {
  constructor(
    private readonly baseUrl: string,
    timeout: number,
  ) {
    super({ timeout, autoRetry: false });
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>): Promise<TwilioResponse<TData>> {
    const target = new URL(opts.uri);
    const rewritten = `${this.baseUrl.replace(/\/$/, '')}/${target.hostname}${target.pathname}${target.search}`;
    return super.request<TData>({ ...opts, uri: rewritten });
  }
}

export function createTwilioClient(credentials: TwilioCredentials, options: TwilioClientOptions = {}): twilio.Twilio {
  const timeout = options.timeoutMs ?? 15_000;
  const httpClient = options.baseUrl ? new RedirectingRequestClient(options.baseUrl, timeout) : new twilio.RequestClient({ timeout, autoRetry: false });
  return twilio(credentials.username, credentials.password, { accountSid: credentials.accountSid, httpClient, timeout, autoRetry: false, env: {} });
}
