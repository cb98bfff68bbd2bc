/**
 * Twilio's sign-in hosts, and host names compared the way a browser resolves them. One list and
 * one normaliser for every place that must keep a test login away from Twilio: the capture (CDP
 * Fetch patterns), the Chromium login browser and the Electron app (--host-resolver-rules), the
 * Electron login window's request filter, and the diagnosis of where a response went.
 */
import { MODE_IDS, MODES } from './modes';

/** Every Twilio host (sign-in, IAM, Flex UI, any region) is under this domain. */
const TWILIO_DOMAIN = 'twilio.com';

/**
 * A host name as the browser will look it up: lower case, IDNA (UTS 46) mapped to ASCII,
 * percent-escapes decoded, IPv4 forms canonicalised (all by the WHATWG URL parser, as Chromium
 * does), then without trailing dots (`twilio.com.` is the same DNS name as `twilio.com`).
 * Null when it is not a host name at all.
 */
export function normaliseHost(host: string): string | null {
  let hostname: string;
  try {
    hostname = new URL(`http://${host.trim()}/`).hostname;
  } catch {
    return null;
  }
  const bare = hostname.replace(/\.+$/, '');
  return bare === '' ? null : bare;
}

/** The normalised host of a URL, or null when it has none. */
export function hostOfUrl(url: string): string | null {
  let hostname: string;
  try {
    hostname = new URL(url).hostname;
  } catch {
    return null;
  }
  return hostname === '' ? null : normaliseHost(hostname);
}

export function isTwilioHost(host: string | null): boolean {
  if (host === null) return false;
  const normalised = normaliseHost(host);
  return normalised !== null && (normalised === TWILIO_DOMAIN || normalised.endsWith(`.${TWILIO_DOMAIN}`));
}

export function isTwilioUrl(url: string): boolean {
  return isTwilioHost(hostOfUrl(url));
}

/** The hosts Twilio receives SAML responses on, one per mode's ACS URL (the diagnosis names them). */
export const TWILIO_SP_HOSTS: readonly string[] = [...new Set(MODE_IDS.map((mode) => hostOfUrl(MODES[mode].acsUrl('')) ?? ''))].filter(Boolean);

/**
 * Host patterns covering every spelling in which Chromium can ask for a Twilio host. Chromium
 * lower-cases, IDNA-maps and percent-decodes a URL's host itself, but keeps trailing dots
 * (`twilio.com.`, `twilio.com..`), hence the `.*` forms; `*` matches across dots. They also cover
 * look-alikes such as `twilio.com.example.org`, which no identity provider needs.
 */
export const TWILIO_HOST_PATTERNS = [TWILIO_DOMAIN, `*.${TWILIO_DOMAIN}`, `${TWILIO_DOMAIN}.*`, `*.${TWILIO_DOMAIN}.*`] as const;

/**
 * `--host-resolver-rules` entries that send every Twilio host to `target`: `~NOTFOUND` (the
 * default: nothing resolves, so a request the capture missed cannot leave the machine), or a local
 * listener in tests. Chromium applies the first rule that matches, so these go first.
 */
export function twilioResolverRules(target = '~NOTFOUND'): string[] {
  return TWILIO_HOST_PATTERNS.map((pattern) => `MAP ${pattern} ${target}`);
}

/**
 * CDP `Fetch.enable` URL patterns (globs over the whole URL) matching every request to a Twilio
 * host, any scheme and port. They match other URLs too (one that mentions twilio.com in its query),
 * so whoever receives a paused request decides with isTwilioUrl.
 */
export function twilioUrlPatterns(): string[] {
  return [`*${TWILIO_DOMAIN}*`];
}
