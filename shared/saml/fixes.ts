/**
 * Findings with their fixes. The fix comes from the chosen IdP's playbook (its own console words,
 * Frontline's where the product is Frontline) when the playbook has one for that code, otherwise
 * from the generic text below, which names the claims and roles of the mode at hand.
 */
import type { CaptureFindingCode, CoreFindingCode, Finding, FindingCode, Severity } from '../findings';
import { MODES, type ModeId } from '../domain/modes';
import { requiredClaims } from '../domain/claims';
import { getPlaybook, isIdpId, troubleshootingFor } from '../idps';
import { sentence } from '../text';
import { signingFix } from './signing';

/** Whom a fix is written for: the IdP (its console's words) and the mode (its product's claims and roles). */
export interface FixContext {
  idp?: string | undefined;
  mode?: ModeId | undefined;
}

type FixText = string | ((context: FixContext) => string);
/** Every code but the capture's, whose fixes live with the capture diagnosis (shared/capture/fixes.ts). */
type GenericFixCode = Exclude<CoreFindingCode, CaptureFindingCode>;

function isFrontline(mode: ModeId | undefined): boolean {
  return mode !== undefined && MODES[mode].product === 'frontline';
}

/** The bare claim names the mode needs, as a list in a sentence (Flex's when the mode is not known). */
function claimList(mode: ModeId | undefined): string {
  const needed = requiredClaims(mode ?? 'flex-enhanced');
  return ['email', 'full_name', 'roles'].filter((claim) => needed.includes(claim)).join(', ');
}

const GENERIC_FIXES: Record<GenericFixCode, FixText> = {
  // The signing fixes come from the playbook's signing choices, so that they agree with the rule per mode.
  'response-unsigned': ({ idp }) => signingFix(idp),
  'assertion-unsigned': ({ idp }) => signingFix(idp),
  'signature-invalid':
    "Copy the IdP's current signing certificate again (the active one, whole PEM) into the X.509 Certificate field in Twilio; if the IdP rotated its certificate, use the new one.",
  'signature-wrapping':
    'Do not trust this document. A genuine IdP never sends it; capture a fresh response straight from the IdP and check where it came from.',
  'trust-not-checked': "Give the IdP's signing certificate (the one pasted in Twilio) so the signature can be checked against it.",
  'signature-malformed':
    "Check the IdP's signing settings and certificate, then capture a fresh response: a signature without its signed information or value cannot be checked.",
  'assertion-encrypted': "Turn assertion encryption off in the IdP's application: Twilio does not accept encrypted assertions.",
  'audience-mismatch': "Set the IdP's Audience / SP Entity ID field to exactly Twilio's Entity ID for this mode.",
  'destination-mismatch': "Set the IdP's ACS URL (Single sign-on URL, Reply URL) to exactly Twilio's ACS URL for this mode.",
  'recipient-mismatch': "Set the IdP's ACS URL (Single sign-on URL, Reply URL) to exactly Twilio's ACS URL for this mode.",
  'issuer-mismatch': "Copy the IdP's Issuer / Entity ID exactly (trailing slash included) into Twilio's Identity Provider Issuer field.",
  expired: 'If the response is old, capture a new one. Otherwise check the clocks of the IdP server and this computer (they must agree within a few minutes).',
  'not-yet-valid': 'Check the clocks of the IdP server and this computer: the response claims to be valid only later.',
  'cert-expired': "Create or activate a new signing certificate in the IdP, paste it into Twilio's X.509 Certificate field, and test again.",
  'cert-expiring': "Plan the rotation: activate the new certificate in the IdP and update Twilio's X.509 Certificate field on the same day.",
  'cert-not-yet-valid': 'Check the clock, or wait until the certificate becomes valid before making it active.',
  'status-error': "The IdP refused the login; read the status above and the IdP's sign-in log for this application.",
  'invalid-nameid-policy':
    "Set the IdP's Name ID format to Unspecified or Email address and its value to the user's email; the requested NameID format could not be produced.",
  'namespaced-claim': ({ mode }) => `Rename the attribute in the IdP so its name is bare (${claimList(mode)}), without a URI or namespace in front.`,
  'missing-claim': ({ mode }) =>
    `Add the attribute in the IdP's attribute mapping with exactly this name (${claimList(mode)}) and a source that is never empty.`,
  'invalid-role': ({ mode }) =>
    isFrontline(mode)
      ? 'Send only agent (lowercase) in the roles attribute.'
      : 'Send only admin, supervisor or agent (lowercase; Flex also accepts wfo.* Insights roles) in the roles attribute.',
  'invalid-attribute-type':
    "Fix the attribute's source in the IdP so its value fits the type in its name (e.g. digits only for .int), or drop the type suffix.",
  'invalid-contact-uri': 'Leave contact_uri out unless calls must go to a SIP address or an E.164 phone number.',
  'session-too-short':
    "Remove the session lifetime (SessionNotOnOrAfter) in the IdP, or make it longer than an agent's shift (8 to 10 hours); it must be more than 1 hour in any case.",
  'session-limit': 'Nothing is required. Twilio advises leaving the session lifetime (SessionNotOnOrAfter) unset in the IdP.',
  'malformed-xml': 'Copy the whole SAMLResponse value again (base64 or the decoded XML), without truncating it.',
  'not-saml': 'Give the SAML response the IdP posts to Twilio (the SAMLResponse form field), not another document.',
  'dtd-refused': 'Nothing to fix in the IdP: this is not a document an IdP sends. Capture the response again.',
  'input-too-large': 'Give only the SAMLResponse value, not a whole page or log file.',
  'in-response-to-mismatch': 'Start a fresh login from the test: the response answers a different (older) request.',
  'no-assertion': 'Make the IdP send an assertion: check that the user is assigned to the application and the login succeeded.',
  'missing-nameid': "Set the IdP's Name ID to the user's email (format Unspecified or Email address).",
  'weak-signature-algorithm': "Choose SHA-256 in the IdP's signing settings.",
  'mode-not-given': 'Give the mode and its id (e.g. --mode flex-enhanced --connection JQ…) to compare the ACS URL and Entity ID.',
  'metadata-sp-given': 'Download the metadata of the identity provider (the IdP), not of Twilio or another service provider.',
  'metadata-no-idp': "Use the IdP's SAML metadata: it has an IDPSSODescriptor with the sign-on URL and the signing certificate.",
  'metadata-no-certificate': "Download the signing certificate separately from the IdP and paste it into Twilio's X.509 Certificate field.",
  'metadata-no-sso-url': "Copy the IdP's SAML sign-on URL from its console into Twilio's Single Sign-On URL field.",
  'metadata-templated-entity-id': 'Download the metadata of your own tenant (with your tenant id) rather than the common template.',
  'metadata-several-signing-certificates': 'Paste the certificate marked as the one to use; after a rotation, update Twilio the same day the IdP switches.',
  'metadata-entity-not-found': 'Choose one of the entity IDs listed in the aggregate.',
  'metadata-not-https': "Use the https:// address of the IdP's metadata.",
  // Written with each diagnosis (shared/saml/posted-to.ts), in the IdP's words for its ACS URL field.
  'acs-url-mismatch': ({ idp }) => fixFor('destination-mismatch', { idp }),
};

/**
 * Reading IdP metadata, the codes shared with the response analysis (not XML, not SAML, …) mean
 * "this is not the IdP's metadata": their fixes say where the IdP publishes it, not how to give a
 * SAML response.
 */
const METADATA_INPUT_CODES = ['malformed-xml', 'not-saml', 'dtd-refused', 'input-too-large'] as const;

export function metadataFixFor(code: FindingCode, idp?: string): string {
  if (!(METADATA_INPUT_CODES as readonly string[]).includes(code)) return fixFor(code, { idp });
  const playbook = idp && isIdpId(idp) && idp !== 'generic' ? getPlaybook(idp) : null;
  const where = playbook ? `${playbook.label}${playbook.fieldNames.metadata ? ` (${playbook.fieldNames.metadata})` : ''}` : "the identity provider's console";
  switch (code) {
    case 'malformed-xml':
      return `Download the metadata again from ${where}, whole and unedited: this copy is cut short or damaged. Or copy the certificate, issuer and sign-on URL one by one.`;
    case 'input-too-large':
      return `Give only this identity provider's own metadata from ${where}, not a federation's list of many.`;
    default:
      return `Give the identity provider's SAML metadata: the XML document from ${where}, which starts with <EntityDescriptor>. Or copy the certificate, issuer and sign-on URL one by one.`;
  }
}

/** The fix when IdP metadata is given where a SAML response is expected (a host may name its own way in). */
export const METADATA_GIVEN_FIX =
  'Read it as metadata instead: in the wizard, the step "Bring back its values"; from the command line, flex-sso metadata FILE. A SAML response is what the IdP posts to Twilio after a sign-in (the SAMLResponse form field).';

export function fixFor(code: FindingCode, about: FixContext = {}): string {
  const { idp, mode } = about;
  if (code !== 'response-unsigned' && code !== 'assertion-unsigned' && idp && isIdpId(idp)) {
    const text = troubleshootingFor(getPlaybook(idp), mode)[code];
    if (text) return text;
  }
  const generic = (GENERIC_FIXES as Partial<Record<FindingCode, FixText>>)[code];
  if (generic === undefined) return 'See the message above.';
  return typeof generic === 'string' ? generic : generic(about);
}

/** A finding; its fix is the IdP's (or the generic) fix for the code, for this mode, unless one is given. */
export function finding(code: FindingCode, severity: Severity, message: string, about: FixContext = {}, fix?: string): Finding {
  return { code, severity, message: sentence(message), fix: fix ?? fixFor(code, about) };
}
