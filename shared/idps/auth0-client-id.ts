/**
 * The Client ID of the Auth0 application that serves Twilio. The Post-Login Action must name it,
 * or it runs for no application and the roles never reach Twilio. Auth0 shows it on the
 * application's Settings tab, and it is the last part of the add-on's metadata URL
 * (https://TENANT.auth0.com/samlp/metadata/CLIENT_ID) and Identity Provider Login URL
 * (https://TENANT.auth0.com/samlp/CLIENT_ID).
 */
export const AUTH0_CLIENT_ID_WHERE = 'Auth0 Dashboard > Applications > Applications > the app > Settings > Client ID';

const CLIENT_ID = /^[A-Za-z0-9]{32}$/;

export type Auth0ClientIdRead = { ok: true; clientId: string; note: string | null } | { ok: false; message: string };

/** Reads the Client ID from the id itself, the metadata URL or the Identity Provider Login URL. */
export function readAuth0ClientId(raw: string): Auth0ClientIdRead {
  const value = raw.trim();
  if (value === '') return { ok: false, message: `the Auth0 Client ID is required: copy it from ${AUTH0_CLIENT_ID_WHERE}, or paste the add-on's metadata URL` };
  if (CLIENT_ID.test(value)) return { ok: true, clientId: value, note: null };
  if (/^https?:\/\//i.test(value)) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return {
        ok: false,
        message: `"${value}" is not a complete address; paste the Client ID, or the metadata URL https://TENANT.auth0.com/samlp/metadata/CLIENT_ID`,
      };
    }
    const match = /^\/samlp\/(?:metadata\/)?([^/]+)\/?$/.exec(url.pathname);
    if (!match) {
      return {
        ok: false,
        message: `this address does not end in /samlp/metadata/CLIENT_ID or /samlp/CLIENT_ID, so it names no Auth0 application; paste the Client ID from ${AUTH0_CLIENT_ID_WHERE}`,
      };
    }
    const id = decodeURIComponent(match[1]!);
    if (!CLIENT_ID.test(id)) return { ok: false, message: `"${id}" at the end of the address is not an Auth0 Client ID (32 letters and digits)` };
    const what = url.pathname.includes('/metadata/') ? 'metadata URL' : 'Identity Provider Login URL';
    return { ok: true, clientId: id, note: `Read the Client ID ${id} from the ${what}.` };
  }
  if (/\s/.test(value)) return { ok: false, message: 'the Auth0 Client ID has no spaces; copy it again in one piece' };
  const bad = value.match(/[^A-Za-z0-9]/);
  if (bad) return { ok: false, message: `an Auth0 Client ID is 32 letters and digits; "${bad[0]}" is neither (copy it from ${AUTH0_CLIENT_ID_WHERE})` };
  return {
    ok: false,
    message: `an Auth0 Client ID is 32 letters and digits; this one has ${value.length} (${value.length < 32 ? 'some were cut off' : 'there is extra text'})`,
  };
}

/** Reads the Client ID out of an Auth0 metadata or login URL, when the text is one; null otherwise. */
export function auth0ClientIdFromUrl(url: string): string | null {
  if (!/^https?:\/\//i.test(url.trim())) return null;
  const read = readAuth0ClientId(url);
  return read.ok ? read.clientId : null;
}
