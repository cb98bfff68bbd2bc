/**
 * Where the IdP sent the SAML response, compared with where Twilio expects it for the mode under
 * test. The login test captures a response posted anywhere; when it went anywhere but the exact ACS
 * URL, this names the place ("another customer's connection", "the legacy ACS, mid-migration", …)
 * and the field to change, in the IdP console's own words.
 */
import type { Finding } from '../findings';
import { MODE_IDS, MODES, modeId, spValues, type ModeId, type ModeIds } from '../domain/modes';
import { isTwilioUrl, normaliseHost } from '../domain/twilio-hosts';
import { getPlaybook, isIdpId, type IdpId } from '../idps';
import type { AnalysisReport } from './report';

export const POSTED_TO_KINDS = [
  /** The exact ACS URL of the mode under test. */
  'expected',
  /** The same address written another way (a trailing dot, a port, http://), or on another Twilio host. */
  'other-spelling',
  /** The same mode's ACS URL with another id (connection, Account SID, Realm SID). */
  'other-id',
  /** Another mode's ACS URL (legacy during an enhanced test, Flex during a Frontline test, …). */
  'other-mode',
  /** A Twilio host, but no ACS URL the product knows. */
  'other-twilio',
  /** Not Twilio at all. */
  'not-twilio',
] as const;
export type PostedToKind = (typeof POSTED_TO_KINDS)[number];

export const POSTED_TO_FINDING_CODE = 'acs-url-mismatch';

export interface PostedToDiagnosis {
  kind: PostedToKind;
  /** The mode whose ACS URL the address is, for 'other-id' and 'other-mode'. */
  matchedMode?: ModeId;
  /** The id inside that ACS URL. */
  matchedId?: string;
  expected: string;
  /** Null for 'expected'. */
  finding: Finding | null;
}

/** The URL as Twilio would have to receive it: https, default port, host without trailing dots. */
function canonical(url: URL): { href: string; differences: string[] } {
  const differences: string[] = [];
  const copy = new URL(url.href);
  if (copy.protocol === 'http:') {
    differences.push('it starts with http:// instead of https://');
    copy.protocol = 'https:';
  }
  if (copy.port !== '') {
    differences.push(`it names port ${copy.port}`);
    copy.port = '';
  }
  const host = normaliseHost(copy.hostname);
  if (host !== null && host !== copy.hostname) {
    differences.push('its host name ends with a dot');
    copy.hostname = host;
  }
  return { href: copy.href, differences };
}

/** Which mode's ACS URL `href` is (the modes' own readers: any Twilio host for the enhanced one), with its id. */
function matchAcs(href: string): { mode: ModeId; id: string } | null {
  for (const mode of MODE_IDS) {
    const read = MODES[mode].readConsoleValue(href);
    if (read?.kind === 'acs-url') return { mode, id: read.id };
  }
  return null;
}

function isProduct(a: ModeId, b: ModeId): boolean {
  return MODES[a].product === MODES[b].product;
}

/** Why the address is wrong, after "sent the response to X; Twilio expects Y." */
function reason(kind: PostedToKind, mode: ModeId, differences: string[], matched?: { mode: ModeId; id: string }): string {
  switch (kind) {
    case 'other-spelling':
      return `It is this setup's address written differently (${differences.join('; ')}), which Twilio does not accept as its ACS URL.`;
    case 'other-id': {
      const definition = MODES[mode];
      return `That is the ACS URL of another ${definition.idLabel} (${matched!.id}): probably an application set up for another customer, or an old one.`;
    }
    case 'other-mode': {
      const other = MODES[matched!.mode];
      if (matched!.mode === 'flex-legacy' && mode === 'flex-enhanced') {
        return `That is the legacy Flex SSO ACS URL (Account SID ${matched!.id}): the application still holds the legacy values, as happens midway through a move to enhanced SSO.`;
      }
      if (matched!.mode === 'flex-enhanced' && mode === 'flex-legacy') {
        return `That is the ACS URL of an enhanced Flex SSO connection (${matched!.id}): the application has already been moved to enhanced SSO.`;
      }
      if (!isProduct(matched!.mode, mode)) {
        return `That is the ACS URL of ${other.label} (${other.idLabel} ${matched!.id}): the application is set up for ${other.product === 'frontline' ? 'Frontline' : 'Flex'}, perhaps for another customer, not for this ${MODES[mode].label} setup.`;
      }
      return `That is the ACS URL of ${other.label} (${matched!.id}), not of ${MODES[mode].label}.`;
    }
    case 'other-twilio':
      return `That is a Twilio address, but not the ACS URL of this ${MODES[mode].label} setup.`;
    case 'not-twilio':
      return 'That is not a Twilio address: the field probably holds another application\'s URL, or a typing mistake.';
    case 'expected':
      return '';
  }
}

function fix(kind: PostedToKind, mode: ModeId, ids: ModeIds, expected: string, idp: IdpId | undefined, matched?: { mode: ModeId; id: string }): string {
  const playbook = idp && isIdpId(idp) ? getPlaybook(idp) : getPlaybook('generic');
  const where = idp && isIdpId(idp) && idp !== 'generic' ? `In ${playbook.label}, set` : 'In the identity provider, set';
  let text = `${where} ${playbook.fieldNames.acsUrl} to ${expected}.`;
  if (kind === 'other-mode' && matched?.mode === 'flex-legacy' && mode === 'flex-enhanced') {
    const { entityId } = spValues(mode, ids);
    text += ` Moving to enhanced SSO also means ${playbook.fieldNames.entityId} = ${entityId}; or create a second application beside the old one, so the legacy login keeps working until you switch.`;
  } else if (kind === 'other-mode' && matched?.mode === 'flex-enhanced' && mode === 'flex-legacy') {
    text += ` Or, if this application is meant for enhanced SSO, test ${MODES['flex-enhanced'].label} with connection ${matched.id} instead.`;
  }
  return text;
}

/**
 * Compares the URL a response was posted to with the ACS URL of `mode`. Throws DomainInputError
 * (from spValues) for missing or malformed ids, like every other use of the mode's values.
 */
export function diagnosePostedTo(postedTo: string, mode: ModeId, ids: ModeIds, idp?: IdpId): PostedToDiagnosis {
  const { acsUrl } = spValues(mode, ids);
  const expected = new URL(acsUrl).href;
  let url: URL | null = null;
  try {
    url = new URL(postedTo);
  } catch {
    url = null;
  }
  if (url && url.href === expected) return { kind: 'expected', expected, finding: null };

  let kind: PostedToKind = 'not-twilio';
  let matched: { mode: ModeId; id: string } | undefined;
  let differences: string[] = [];
  if (url) {
    const fixed = canonical(url);
    differences = fixed.differences;
    const acs = matchAcs(fixed.href);
    if (fixed.href === expected) kind = 'other-spelling';
    else if (acs && acs.mode === mode && acs.id === modeId(mode, ids)) {
      // This connection's ACS URL, on another Twilio host than the one Twilio's page gives.
      kind = 'other-spelling';
      differences.push(`its host is ${new URL(fixed.href).hostname}, not ${new URL(expected).hostname}`);
    } else if (acs && acs.mode === mode) [kind, matched] = ['other-id', acs];
    else if (acs) [kind, matched] = ['other-mode', acs];
    else if (isTwilioUrl(url.href)) kind = 'other-twilio';
  }
  const message = `The identity provider sent the SAML response to ${postedTo}; Twilio expects it at ${expected}. ${reason(kind, mode, differences, matched)} The test kept the response on this computer, so nothing reached that address.`;
  return {
    kind,
    ...(matched ? { matchedMode: matched.mode, matchedId: matched.id } : {}),
    expected,
    finding: { code: POSTED_TO_FINDING_CODE, severity: 'error', message, fix: fix(kind, mode, ids, expected, idp, matched) },
  };
}

/** The report with `finding` first: an error, so the report is no longer ok (nor its verdict). */
export function withPostedToFinding<R extends AnalysisReport>(report: R, finding: Finding): R {
  const verdict = 'verdict' in report ? { verdict: 'fail' } : {};
  return { ...report, ...verdict, ok: false, findings: [finding, ...report.findings] };
}
