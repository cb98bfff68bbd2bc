/**
 * Where the IdP sent the SAML response, compared with where Twilio expects it for the mode under
 * test. The login test captures a response posted anywhere, and a browser capture shows where one
 * went; when it went anywhere but the exact ACS URL, this names the place ("another customer's
 * connection", "the legacy ACS, mid-migration", …) and the field to change, in the IdP console's
 * own words. Both the login test and the capture diagnosis use it (finding code acs-url-mismatch).
 */
import type { CoreFindingCode, Finding } from '../findings';
import { MODE_IDS, MODES, modeId, spValues, type ModeId, type ModeIds } from '../domain/modes';
import { isTwilioUrl, normaliseHost } from '../domain/twilio-hosts';
import { getPlaybook, isIdpId } from '../idps';
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

export const POSTED_TO_FINDING_CODE = 'acs-url-mismatch' satisfies CoreFindingCode;

/** How the diagnosis is told: what the IdP did, why Twilio expects that address, what became of the response. */
export interface PostedToWording {
  /** "sent" (the default), or "was about to post" when a capture holds only the page that posts it. */
  verb?: 'sent' | 'was about to post';
  /** Why Twilio expects the address, in parentheses after it ("for this customer", "in its AuthnRequest"). */
  basis?: string;
  /** The diagnosis's last sentence: what became of the response (the login test kept it on this computer). */
  outcome?: string;
}

/** What Twilio expects: a mode's ACS URL (with its ids), or only the address an AuthnRequest asked for. */
type Expectation = { mode: ModeId; ids: ModeIds; acsUrl: string } | { mode: null; ids: ModeIds; acsUrl: string };

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

/** Why the address is wrong, after "sent the response to X; Twilio expects Y." (mode null: only the address is known). */
function reason(kind: PostedToKind, mode: ModeId | null, differences: string[], matched?: { mode: ModeId; id: string }): string {
  const setup = mode ? `this ${MODES[mode].label} setup` : 'the setup the AuthnRequest came from';
  switch (kind) {
    case 'other-spelling':
      return `It is this setup's address written differently (${differences.join('; ')}), which Twilio does not accept as its ACS URL.`;
    case 'other-id': {
      const definition = MODES[mode ?? matched!.mode];
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
      if (mode && !isProduct(matched!.mode, mode)) {
        return `That is the ACS URL of ${other.label} (${other.idLabel} ${matched!.id}): the application is set up for ${other.productName}, perhaps for another customer, not for ${setup}.`;
      }
      return `That is the ACS URL of ${other.label} (${other.idLabel} ${matched!.id}), not of ${setup}: probably an old application in the IdP, or one set up before a migration.`;
    }
    case 'other-twilio':
      return `That is a Twilio address, but not the ACS URL of ${setup}.`;
    case 'not-twilio':
      return "That is not a Twilio address: the field probably holds another application's URL, or a typing mistake.";
    case 'expected':
      return '';
  }
}

function fix(kind: PostedToKind, expectation: Expectation, idp: string | undefined, matched?: { mode: ModeId; id: string }): string {
  const known = idp !== undefined && isIdpId(idp) ? idp : undefined;
  const playbook = getPlaybook(known ?? 'generic');
  const where = known && known !== 'generic' ? `In ${playbook.label}, set` : 'In the identity provider, set';
  const { mode, ids, acsUrl } = expectation;
  let text = `${where} ${playbook.fieldNames.acsUrl} to ${acsUrl}.`;
  if (kind === 'other-mode' && matched?.mode === 'flex-legacy' && mode === 'flex-enhanced') {
    const { entityId } = spValues(mode, ids);
    text += ` Moving to enhanced SSO also means ${playbook.fieldNames.entityId} = ${entityId}; or create a second application beside the old one, so the legacy login keeps working until you switch.`;
  } else if (kind === 'other-mode' && matched?.mode === 'flex-enhanced' && mode === 'flex-legacy') {
    text += ` Or, if this application is meant for enhanced SSO, test ${MODES['flex-enhanced'].label} with connection ${matched.id} instead.`;
  }
  return text;
}

/** Who sent it, in the IdP's own name when it is known ("Okta sent…"). */
function sender(idp: string | undefined): string {
  return idp !== undefined && isIdpId(idp) && idp !== 'generic' ? getPlaybook(idp).label : 'The identity provider';
}

/**
 * Compares the URL a response was posted to with the ACS URL of `mode`. Throws DomainInputError
 * (from spValues) for missing or malformed ids, like every other use of the mode's values.
 */
export function diagnosePostedTo(postedTo: string, mode: ModeId, ids: ModeIds, idp?: string, wording: PostedToWording = {}): PostedToDiagnosis {
  return diagnose(postedTo, { mode, ids, acsUrl: spValues(mode, ids).acsUrl }, idp, wording);
}

/** The same, when only the address Twilio asked for is known (an AuthnRequest whose ACS URL is no mode's). */
export function diagnosePostedToAddress(postedTo: string, expectedAcsUrl: string, idp?: string, wording: PostedToWording = {}): PostedToDiagnosis {
  return diagnose(postedTo, { mode: null, ids: {}, acsUrl: expectedAcsUrl }, idp, wording);
}

function parseUrl(value: string): URL | null {
  try {
    return new URL(value.trim());
  } catch {
    return null;
  }
}

function diagnose(postedTo: string, expectation: Expectation, idp: string | undefined, wording: PostedToWording): PostedToDiagnosis {
  const { mode, ids } = expectation;
  const expected = parseUrl(expectation.acsUrl)?.href ?? expectation.acsUrl;
  const url = parseUrl(postedTo);
  if (url && url.href === expected) return { kind: 'expected', expected, finding: null };

  let kind: PostedToKind = 'not-twilio';
  let matched: { mode: ModeId; id: string } | undefined;
  let differences: string[] = [];
  if (url) {
    const fixed = canonical(url);
    differences = fixed.differences;
    const acs = matchAcs(fixed.href);
    if (fixed.href === expected) kind = 'other-spelling';
    else if (fixed.href.toLowerCase() === expected.toLowerCase()) {
      kind = 'other-spelling';
      differences.push('it differs in upper and lower case, which Twilio does not ignore');
    } else if (mode && acs && acs.mode === mode && acs.id === modeId(mode, ids)) {
      // This connection's ACS URL, on another Twilio host than the one Twilio's page gives.
      kind = 'other-spelling';
      differences.push(`its host is ${new URL(fixed.href).hostname}, not ${new URL(expected).hostname}`);
    } else if (mode && acs && acs.mode === mode) [kind, matched] = ['other-id', acs];
    else if (acs) [kind, matched] = ['other-mode', acs];
    else if (isTwilioUrl(url.href)) kind = 'other-twilio';
  }
  const verb = wording.verb ?? 'sent';
  const basis = wording.basis ? ` (${wording.basis})` : '';
  const outcome = wording.outcome ? ` ${wording.outcome}` : '';
  const message = `${sender(idp)} ${verb} the SAML response to ${postedTo}; Twilio expects it at ${expected}${basis}. ${reason(kind, mode, differences, matched)}${outcome}`;
  return {
    kind,
    ...(matched ? { matchedMode: matched.mode, matchedId: matched.id } : {}),
    expected,
    finding: { code: POSTED_TO_FINDING_CODE, severity: 'error', message, fix: fix(kind, expectation, idp, matched) },
  };
}

/** The report with `finding` first: an error, so the report is no longer ok (nor its verdict). */
export function withPostedToFinding<R extends AnalysisReport>(report: R, finding: Finding): R {
  const verdict = 'verdict' in report ? { verdict: 'fail' } : {};
  return { ...report, ...verdict, ok: false, findings: [finding, ...report.findings] };
}
