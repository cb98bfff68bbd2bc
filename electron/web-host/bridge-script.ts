import { API_BRIDGE_GLOBAL, API_CALLS } from '../../shared/api-calls';

/**
 * The browser-side half of the web host: defines the same `window.flexSso` object the Electron
 * preload defines, carried over loopback HTTP. The per-run token is read from a meta tag of the
 * page (a cross-origin page can include this script but cannot read the page's HTML).
 */
export function bridgeScriptSource(): string {
  return `(() => {
  "use strict";
  const meta = document.querySelector('meta[name="flex-sso-token"]');
  const token = meta ? meta.getAttribute("content") : "";
  if (meta) meta.remove();
  const calls = ${JSON.stringify(API_CALLS)};
  const bridge = {};
  for (const name of calls) {
    bridge[name] = async (request) => {
      try {
        const answer = await fetch("/api/" + name, {
          method: "POST",
          headers: { "content-type": "application/json", "x-flex-sso-token": token },
          body: JSON.stringify(request === undefined ? {} : request),
        });
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
