/**
 * What Twilio requires to be signed, per mode (reference/flex-sso-facts.md, section 1 "Signing"),
 * and the signing findings with their fixes in the chosen IdP's words.
 *
 * - Every mode: a valid signature must cover the assertion (a signed Response covers the
 *   assertion inside it). Nothing signed is an error.
 * - Enhanced Flex SSO (an Auth0 SAML connection on Twilio's side) accepts the response or the
 *   assertion signed: one is enough; where the IdP can sign both, a note recommends it.
 * - Legacy Flex SSO and Frontline go through Twilio's IAM service, which rejects a response whose
 *   message is not signed: an unsigned Response is an error there (unverified for Frontline
 *   specifically, and the message says so); an unsigned assertion is not.
 *
 * The fix of every signing finding is the same for an IdP: set its recommended choice (both where
 * it can, else the Response), which satisfies every mode, so following it never leads to another
 * signing finding.
 */
import type { Severity } from '../findings';
import type { ModeId } from '../domain/modes';
import { getPlaybook, isIdpId } from '../idps';
import type { Playbook, SigningChoice } from '../idps/types';

export const SIGNING_CODES = ['response-unsigned', 'assertion-unsigned'] as const;
export type SigningCode = (typeof SIGNING_CODES)[number];

export function isSigningCode(code: string): code is SigningCode {
  return (SIGNING_CODES as readonly string[]).includes(code);
}

/** 'either': one signature covering the assertion is enough; 'response': the Response must be signed; 'unknown': no mode given. */
export type SigningRule = 'either' | 'response' | 'unknown';

function signingRule(mode: ModeId | undefined): SigningRule {
  if (mode === undefined) return 'unknown';
  return mode === 'flex-enhanced' ? 'either' : 'response';
}

function playbookFor(idp: string | undefined): Playbook {
  return getPlaybook(idp && isIdpId(idp) ? idp : 'generic');
}

/** The choice the fix sets: both where the IdP offers it, else the Response (every mode accepts it). */
export function recommendedSigning(idp: string | undefined): SigningChoice {
  const { choices } = playbookFor(idp).signingOptions;
  const choice = choices.find((c) => c.response && c.assertion) ?? choices.find((c) => c.response);
  if (!choice) throw new Error(`the ${playbookFor(idp).id} playbook offers no signing choice that signs the Response`);
  return choice;
}

/** Whether the IdP can sign the Response and the assertion together. */
function offersBoth(idp: string | undefined): boolean {
  return playbookFor(idp).signingOptions.choices.some((c) => c.response && c.assertion);
}

/** The fix of every signing finding for this IdP. */
export function signingFix(idp: string | undefined): string {
  return playbookFor(idp).signingOptions.instruction;
}

export interface SigningFacts {
  /** A signature on the Response covers it (and the assertion inside). */
  responseSigned: boolean;
  /** A signature on the assertion covers it; null when the assertion is encrypted (cannot be seen). */
  assertionSigned: boolean | null;
  /** The response carries an assertion (plain or encrypted) and says Success. */
  loginResponse: boolean;
}

export interface SigningFinding {
  code: SigningCode;
  severity: Severity;
  message: string;
}

const IAM_REJECTS =
  'Twilio\'s IAM service (iam.twilio.com), which rejects a response whose message is not signed ("The Message of SAML response is not signed")';

function responseRequiredBecause(mode: ModeId | undefined): string {
  if (mode === 'frontline') {
    return `Frontline signs users in through ${IAM_REJECTS}. That Frontline applies this rule is not verified, but a signed Response is the safe setting.`;
  }
  return `Legacy Flex SSO goes through ${IAM_REJECTS}.`;
}

/**
 * What the mode requires to be signed, in one or two sentences for the checklist: the same rule
 * signingFindings applies, so the checklist and the analysis cannot disagree.
 */
export function signingRequirement(mode: ModeId, idp: string | undefined): string {
  const label = playbookFor(idp).label;
  const both = offersBoth(idp) ? ` Signing both is recommended, and ${label} can sign both.` : '';
  if (signingRule(mode) === 'either') {
    return `Twilio needs one valid signature from ${label}'s certificate covering the assertion: a signed response (which covers the assertion inside it) or a signed assertion is enough.${both}`;
  }
  return `The SAML response itself must be signed (a signed assertion alone is not enough). ${responseRequiredBecause(mode)}${both}`;
}

/** The signing findings for a response, by the rule of its mode. */
export function signingFindings(facts: SigningFacts, mode: ModeId | undefined, idp: string | undefined): SigningFinding[] {
  if (!facts.loginResponse) return [];
  const rule = signingRule(mode);
  const label = playbookFor(idp).label;
  const canSignBoth = offersBoth(idp);

  if (facts.assertionSigned === null) {
    // Encrypted assertion: its own signature cannot be seen (and encryption is an error anyway).
    if (facts.responseSigned || rule === 'either') return [];
    return [
      {
        code: 'response-unsigned',
        severity: rule === 'response' ? 'error' : 'warning',
        message: `The Response is not signed. ${responseRequiredBecause(mode)}`,
      },
    ];
  }
  if (!facts.responseSigned && !facts.assertionSigned) {
    return [
      {
        code: rule === 'either' ? 'assertion-unsigned' : 'response-unsigned',
        severity: 'error',
        message: 'Neither the Response nor the assertion is signed, so nothing proves your identity provider sent this login; Twilio rejects it.',
      },
    ];
  }
  if (!facts.responseSigned) {
    if (rule === 'response')
      return [{ code: 'response-unsigned', severity: 'error', message: `Only the assertion is signed, not the Response. ${responseRequiredBecause(mode)}` }];
    if (rule === 'unknown') {
      return [
        {
          code: 'response-unsigned',
          severity: 'warning',
          message:
            "Only the assertion is signed, not the Response. Enhanced Flex SSO accepts that, but legacy Flex SSO and Frontline go through Twilio's IAM service, which rejects an unsigned Response; give the mode to know which applies.",
        },
      ];
    }
    return canSignBoth
      ? [
          {
            code: 'response-unsigned',
            severity: 'info',
            message: `Only the assertion is signed. Enhanced Flex SSO accepts that; signing the Response as well is recommended, and ${label} can sign both.`,
          },
        ]
      : [];
  }
  if (!facts.assertionSigned && canSignBoth) {
    return [
      {
        code: 'assertion-unsigned',
        severity: 'info',
        message: `Only the Response is signed. Its signature covers the assertion inside it, so Twilio accepts it; signing the assertion as well is recommended, and ${label} can sign both.`,
      },
    ];
  }
  return [];
}
