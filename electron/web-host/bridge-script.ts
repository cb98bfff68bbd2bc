import { API_BRIDGE_GLOBAL, API_CALLS } from '../../shared/api-calls';

/**
 * Sent with every call: a page of another origin cannot send it without a CORS preflight, which
 * the web host never grants (another loopback port is the same site, so SameSite alone is not enough).
 */
export const CALL_HEADER = 'x-flex-sso-call';

/**
 * The browser-side half of the web host: defines the same `window.flexSso` object the Electron
 * preload defines, carried over loopback HTTP. The session is the HttpOnly cookie the launch URL
 * set, which the page's script never sees.
 */
export function bridgeScriptSource(): string {
  return `(() => {
  "use strict";
  const calls = ${JSON.stringify(API_CALLS)};
  const bridge = {};
  for (const name of calls) {
    bridge[name] = async (request) => {
      try {
        const answer = await fetch("/api/" + name, {
          method: "POST",
          headers: { "content-type": "application/json", ${JSON.stringify(CALL_HEADER)}: "1" },
          body: JSON.stringify(request === undefined ? {} : request),
        });
        if (answer.status === 401) return { ok: false, error: { code: "failed", message: "This browser is no longer signed in to the wizard: open a new launch link from the terminal where it runs." } };
        return await answer.json();
      } catch (error) {
        return { ok: false, error: { code: "failed", message: "The wizard lost contact with its services. Is the dev:web process still running?" } };
      }
    };
  }
  Object.defineProperty(window, ${JSON.stringify(API_BRIDGE_GLOBAL)}, { value: Object.freeze(bridge), writable: false, configurable: false });
})();
`;
}
