import type { IdpId } from '../idps/types';
import { checkTrustedDomain } from './trusted-domains';
import { LEGACY_SSO } from './migration';
import type { ModeId } from './modes';

export interface CustomDomainPlan {
  domain: string;
  /** What to enter in the Console's Trusted Domains for this mode. */
  trustedDomainEntries: string[];
  /** Minimum Flex UI version, when the mode needs one. */
  minFlexUi: string | null;
  dns: { type: 'CNAME'; name: string; target: string; verified: false };
  /** Auth0 only: the Allowed Logout URLs. */
  logoutUrls: string[] | null;
  defaultRedirectUrl: string;
  notes: string[];
}

export class CustomDomainError extends Error {}

/** What a self-hosted or vanity Flex domain needs. Throws CustomDomainError for a malformed domain. */
export function customDomainPlan(rawDomain: string, mode: ModeId, idp: IdpId): CustomDomainPlan {
  const domain = rawDomain.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  const check = checkTrustedDomain(domain, 'flex-legacy');
  if (!check.ok || check.kind === 'wildcard') {
    throw new CustomDomainError(check.ok ? `custom domain "${rawDomain}": give the exact host, without a wildcard` : `custom domain: ${check.message}`);
  }
  const enhanced = mode === 'flex-enhanced';
  const notes: string[] = [];
  if (enhanced) {
    notes.push(`With enhanced SSO a self-hosted Flex UI needs version ${LEGACY_SSO.enhancedMinFlexUi.selfHostedDomain} or later and appConfig.oauth with connection, clientId and redirectUrl.`);
  }
  return {
    domain,
    trustedDomainEntries: enhanced ? [`https://${domain}`] : [domain],
    minFlexUi: enhanced ? `${LEGACY_SSO.enhancedMinFlexUi.selfHostedDomain}.x` : null,
    // From a third-party guide (seed 002): not confirmed by Twilio.
    dns: { type: 'CNAME', name: domain, target: 'flex.twilio.com', verified: false },
    logoutUrls: idp === 'auth0' ? ['https://flex.twilio.com/logout', `https://${domain}/logout`] : null,
    defaultRedirectUrl: `https://${domain}`,
    notes,
  };
}
