/**
 * Recognises Twilio's service-provider values (ACS URL, Entity ID) in URLs and strings found in
 * the wild, e.g. where a captured response was posted, its Audience, or an AuthnRequest's Issuer.
 * Host names are compared normalised: letter case, a trailing dot and the default port do not
 * make another host.
 */
import { MODES, type ModeId, type ModeIds } from './modes';

export interface RecognisedSp {
  mode: ModeId;
  ids: ModeIds;
  /** The SID or connection id found. */
  id: string;
  /** Which of the two values it was. */
  value: 'acs-url' | 'entity-id';
}

const HEX32 = '[0-9a-fA-F]{32}';
const ENHANCED_ENTITY = new RegExp(`^urn:flex:(JQ${HEX32})$`);
const LEGACY_PATH = new RegExp(`^/v1/Accounts/(AC${HEX32})/saml2(/metadata)?/?$`);
const FRONTLINE_PATH = new RegExp(`^/v2/saml2/(authenticate|metadata)/(JB${HEX32})/?$`);

/** Host in lower case without a trailing dot; port only when it is not the scheme's default. */
function normaliseHost(url: URL): string {
  const host = url.hostname.toLowerCase().replace(/\.+$/, '');
  return url.port ? `${host}:${url.port}` : host;
}

/**
 * A URL in a form that compares equal when only host spelling differs (case, trailing dot,
 * default port); path and query are kept as they are. Not a URL: the text, trimmed.
 */
export function normaliseUrl(value: string): string {
  try {
    const url = new URL(value.trim());
    return `${url.protocol}//${normaliseHost(url)}${url.pathname}${url.search}`;
  } catch {
    return value.trim();
  }
}

function make(mode: ModeId, id: string, value: RecognisedSp['value']): RecognisedSp {
  return { mode, ids: { [MODES[mode].idField]: id }, id, value };
}

/** The Twilio mode and id a URL or Entity ID belongs to, or null when it is not one of Twilio's. */
export function recogniseTwilioSp(value: string): RecognisedSp | null {
  const text = value.trim();
  const enhancedEntity = ENHANCED_ENTITY.exec(text);
  if (enhancedEntity) return make('flex-enhanced', enhancedEntity[1]!, 'entity-id');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const host = normaliseHost(url);
  if (host === 'login.flex.us1.twilio.com' && url.pathname.replace(/\/+$/, '') === '/login/callback') {
    const connection = url.searchParams.get('connection');
    if (connection && new RegExp(`^JQ${HEX32}$`).test(connection)) return make('flex-enhanced', connection, 'acs-url');
    return null;
  }
  if (host !== 'iam.twilio.com') return null;
  const legacy = LEGACY_PATH.exec(url.pathname);
  if (legacy) return make('flex-legacy', legacy[1]!, legacy[2] ? 'entity-id' : 'acs-url');
  const frontline = FRONTLINE_PATH.exec(url.pathname);
  if (frontline) return make('frontline', frontline[2]!, frontline[1] === 'metadata' ? 'entity-id' : 'acs-url');
  return null;
}

/** "Flex (enhanced SSO), SSO connection id JQ…" */
export function describeRecognisedSp(sp: Pick<RecognisedSp, 'mode' | 'id'>): string {
  const mode = MODES[sp.mode];
  return `${mode.label}, ${mode.idLabel} ${sp.id}`;
}
