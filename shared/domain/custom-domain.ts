import type { IdpId } from '../idps/types';
import { checkHostEntry } from './trusted-domains';
import { LEGACY_SSO } from './migration';
import type { ModeId } from './modes';

/** The Flex logout URL a third-party Auth0 guide (seed 002) lists; Twilio does not confirm it. */
export const UNVERIFIED_FLEX_LOGOUT_URL = 'https://flex.twilio.com/logout';

export interface CustomDomainPlan {
  /** scheme://host[:port], as the browser shows it. */
  origin: string;
  host: string;
  /** localhost, 127.0.0.1 or ::1: development on this computer. */
  loopback: boolean;
  /** What to enter in the Console's Trusted Domains for this mode. */
  trustedDomainEntries: string[];
  /** Minimum Flex UI version, when the mode needs one. */
  minFlexUi: string | null;
  /** A DNS record for a hosted name; null for loopback names and IP addresses (there is nothing to point). */
  dns: { type: 'CNAME'; name: string; target: string; verified: false } | null;
  /** Auth0 only: Allowed Logout URLs from a third-party guide (unverified). */
  logoutUrls: string[] | null;
  defaultRedirectUrl: string;
  notes: string[];
}

export class CustomDomainError extends Error {}

const RULE =
  'a custom Flex domain is an origin: scheme, host and an optional port, without a path (for example https://flex.example.com or http://localhost:3000)';

/**
 * What a self-hosted or vanity Flex domain needs, by the facts' rules: http only for loopback
 * development, ports kept (enhanced trusted domains are origins), no path, no wildcard, no DNS step
 * for loopback names or IP addresses. Throws CustomDomainError naming the rule that is broken.
 */
export function customDomainPlan(rawDomain: string, mode: ModeId, idp: IdpId): CustomDomainPlan {
  const raw = rawDomain.trim();
  if (raw === '')
    throw new CustomDomainError('the custom domain is empty: give the address where Flex runs, such as flex.example.com, or leave the option out');
  if (raw.includes('*')) throw new CustomDomainError(`"${raw}": give the exact address where Flex runs, without a wildcard`);
  const schemeMatch = /^([a-z][a-z0-9+.-]*):\/\//i.exec(raw);
  const scheme = schemeMatch?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') throw new CustomDomainError(`"${raw}": ${scheme}:// is not a web address; ${RULE}`);
  const rest = schemeMatch ? raw.slice(schemeMatch[0].length) : raw;
  const authorityEnd = rest.search(/[/?#]/);
  const authority = authorityEnd === -1 ? rest : rest.slice(0, authorityEnd);
  const tail = authorityEnd === -1 ? '' : rest.slice(authorityEnd);
  if (tail !== '' && tail !== '/') throw new CustomDomainError(`"${raw}" has a path (${tail}); ${RULE}`);

  const portMatch = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(authority);
  if (!portMatch) throw new CustomDomainError(`"${raw}": ${RULE}`);
  const hostText = portMatch[1]!;
  const port = portMatch[2];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) throw new CustomDomainError(`"${raw}": the port must be between 1 and 65535`);
  const hostCheck = checkHostEntry(hostText);
  if (!hostCheck.ok) throw new CustomDomainError(hostCheck.message);
  const host = hostCheck.host;
  const loopback = hostCheck.kind === 'localhost' || host === '127.0.0.1' || host === '::1';
  const ipAddress = hostCheck.kind === 'ipv4' || hostCheck.kind === 'ipv6';

  const notes: string[] = [];
  let effectiveScheme = scheme;
  if (effectiveScheme === undefined) {
    effectiveScheme = loopback ? 'http' : 'https';
    notes.push(
      `No scheme was given: the wizard took ${effectiveScheme}:// (${loopback ? 'a development server on this computer' : 'every hosted Flex UI is served over https'}).`,
    );
  }
  if (effectiveScheme === 'http' && !loopback) {
    throw new CustomDomainError(
      `"${raw}": http:// is only for Flex running on this computer while you develop (localhost, 127.0.0.1, ::1); a hosted Flex UI needs https://`,
    );
  }
  const hostInUrl = hostCheck.kind === 'ipv6' ? `[${host}]` : host;
  const origin = `${effectiveScheme}://${hostInUrl}${port !== undefined ? `:${port}` : ''}`;
  const enhanced = mode === 'flex-enhanced';
  if (enhanced) {
    notes.push(
      `With enhanced SSO a self-hosted Flex UI needs version ${LEGACY_SSO.enhancedMinFlexUi.selfHostedDomain} or later and appConfig.oauth with connection, clientId and redirectUrl.`,
    );
  } else if (port !== undefined) {
    notes.push('Legacy trusted domains are host names: the port is not part of the entry.');
  }
  return {
    origin,
    host,
    loopback,
    trustedDomainEntries: enhanced ? [origin] : [host],
    minFlexUi: enhanced ? `${LEGACY_SSO.enhancedMinFlexUi.selfHostedDomain}.x` : null,
    // From a third-party guide (seed 002): not confirmed by Twilio; meaningless for this computer or a bare IP.
    dns: loopback || ipAddress ? null : { type: 'CNAME', name: host, target: 'flex.twilio.com', verified: false },
    logoutUrls: idp === 'auth0' ? [UNVERIFIED_FLEX_LOGOUT_URL, `${origin}/logout`] : null,
    defaultRedirectUrl: origin,
    notes,
  };
}
