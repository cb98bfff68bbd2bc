import type { TwilioProblem } from '../../../shared/api';

export interface TwilioFailure {
  ok: false;
  problem: TwilioProblem;
  message: string;
}

const NETWORK_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ECONNABORTED',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ERR_NETWORK',
  'EPIPE',
  'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

/**
 * Turns what the twilio library throws into a problem id and one sentence for the admin. `what`
 * names the thing asked for ("the account", "the Flex configuration", "the Worker"). Never
 * passes Twilio's or the network's own text on: only status codes, Twilio error codes and our words.
 */
export function describeTwilioError(error: unknown, what: string): TwilioFailure {
  const e = error as { status?: number; code?: number | string; message?: string; moreInfo?: string };
  const status = typeof e?.status === 'number' ? e.status : null;
  const code = e?.code;
  if (status !== null) {
    const ref = typeof code === 'number' ? ` (Twilio error ${code})` : ` (HTTP ${status})`;
    if (status === 401 || code === 20003) {
      return {
        ok: false,
        problem: 'unauthorized',
        message: `Twilio refused the credentials${ref}: check the Account SID and the Auth Token, or the API key SID and its secret.`,
      };
    }
    if (status === 429 || code === 20429) {
      return { ok: false, problem: 'rate-limited', message: `Twilio is receiving too many requests from this account${ref}; wait a minute and try again.` };
    }
    if (status === 403) {
      return {
        ok: false,
        problem: 'forbidden',
        message: `Twilio did not allow reading ${what}${ref}: the API key may be restricted, or the account lacks this product.`,
      };
    }
    if (status === 404) {
      return { ok: false, problem: 'not-found', message: `Twilio found no ${what.replace(/^the /, '')}${ref}.` };
    }
    if (status >= 500) {
      return { ok: false, problem: 'server', message: `Twilio had a problem answering${ref}; try again in a few minutes (status.twilio.com shows outages).` };
    }
    // Twilio's own text can quote what was sent (parameters, SIDs, values): only the code is shown.
    const explained = typeof code === 'number' ? `; www.twilio.com/docs/errors/${code} explains that code` : '';
    return { ok: false, problem: 'other', message: `Twilio refused the request for ${what}${ref}${explained}.` };
  }
  const networkCode = typeof code === 'string' ? code : ((error as { cause?: { code?: string } })?.cause?.code ?? '');
  if (NETWORK_CODES.has(networkCode) || /timeout|network|socket hang up/i.test(e?.message ?? '')) {
    const detail =
      networkCode === 'ETIMEDOUT' || networkCode === 'ECONNABORTED' || /timeout/i.test(String(e?.message))
        ? 'it did not answer in time'
        : `the connection failed (${networkCode || 'network error'})`;
    return { ok: false, problem: 'network', message: `Twilio could not be reached: ${detail}. Check the internet connection or proxy, then try again.` };
  }
  return { ok: false, problem: 'other', message: `Reading ${what} from Twilio failed unexpectedly.` };
}
