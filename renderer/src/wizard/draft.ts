import type { LoginStart, MigrationChoice } from '../../../shared/api';
import { readModeIdInput } from '../../../shared/domain/console-values';
import { enhancedAcsUrlProblem, MODES, type ModeId, type ModeIds } from '../../../shared/domain/modes';
import { sidProblem } from '../../../shared/domain/sids';
import { readAuth0ClientId } from '../../../shared/idps/auth0-client-id';
import { parseCertificate } from '../../../shared/domain/certificate';
import { isIdpId } from '../../../shared/idps/ids';
import { isLoopbackUrl, urlProblem } from '../../../shared/domain/urls';
import { sentence } from '../../../shared/text';
import { checkTrustedDomain } from '../../../shared/domain/trusted-domains';

/** Everything the admin has entered for one customer; autosaved, never holds a secret. */
export interface Draft {
  version: 1;
  profileName: string;
  mode: ModeId | null;
  /** Only for a legacy setup moving to enhanced SSO. */
  migration: MigrationChoice | null;
  /** The active IdP connection's name (e.g. "Staff", "Contractors"); the IdP values below are its own. */
  connectionLabel: string;
  idp: string | null;
  /** This IdP connection's own SSO connection id (JQ…), as typed. */
  connectionId: string;
  /** The ACS URL as pasted from the Console, kept when its host differs from the built-in one. */
  acsUrl: string;
  accountSid: string;
  realmSid: string;
  /** Frontline: the Workspace ID on the Frontline console's SSO page (WS…). */
  frontlineWorkspaceId: string;
  /** Auth0: the Client ID of the Auth0 application (or its metadata URL), as typed. */
  auth0ClientId: string;
  certificate: string;
  issuer: string;
  ssoUrl: string;
  metadataUrl: string;
  defaultRedirectUrl: string;
  trustedDomains: string;
  notes: string;
  loginStart: LoginStart;
  idpInitUrl: string;
  letLoginThrough: boolean;
  /** Optional Twilio credentials: the account and how it authenticates (the secret itself is never here). */
  twilioAccountSid: string;
  authMethod: 'auth-token' | 'api-key';
  apiKeySid: string;
  workspaceSid: string;
}

export const EMPTY_DRAFT: Draft = {
  version: 1,
  profileName: '',
  mode: null,
  migration: null,
  connectionLabel: '',
  idp: null,
  connectionId: '',
  acsUrl: '',
  accountSid: '',
  realmSid: '',
  frontlineWorkspaceId: '',
  auth0ClientId: '',
  certificate: '',
  issuer: '',
  ssoUrl: '',
  metadataUrl: '',
  defaultRedirectUrl: '',
  trustedDomains: '',
  notes: '',
  loginStart: 'sp',
  idpInitUrl: '',
  letLoginThrough: false,
  twilioAccountSid: '',
  authMethod: 'auth-token',
  apiKeySid: '',
  workspaceSid: '',
};

/** The mode whose values the IdP gets: a legacy setup is rebuilt as enhanced SSO. */
export function targetMode(draft: Draft): ModeId | null {
  if (draft.mode === 'flex-legacy') return 'flex-enhanced';
  return draft.mode;
}

/**
 * The ids for shared/ (spValues, the checklist, the login test): one place, so a pasted ACS URL
 * reaches every consumer. Only the target mode's id (and, moving from legacy, the Account SID).
 */
export function modeIdsFrom(draft: Draft): ModeIds {
  const mode = targetMode(draft);
  const ids: ModeIds = {};
  if (mode === 'flex-enhanced') {
    ids.connectionId = draft.connectionId.trim();
    if (draft.acsUrl.trim() !== '') ids.acsUrl = draft.acsUrl.trim();
  }
  if (mode === 'frontline') ids.realmSid = draft.realmSid.trim();
  if (draft.mode === 'flex-legacy') ids.accountSid = draft.accountSid.trim();
  return ids;
}

export type FieldErrors = Partial<Record<keyof Draft, string>>;

/** The problems with what is typed so far, keyed by field, each a sentence; empty optional fields are fine. */
export function fieldErrors(draft: Draft): FieldErrors {
  const errors = rawFieldErrors(draft);
  for (const key of Object.keys(errors) as (keyof Draft)[]) errors[key] = sentence(errors[key]!);
  return errors;
}

function rawFieldErrors(draft: Draft): FieldErrors {
  const errors: FieldErrors = {};
  const mode = targetMode(draft);
  if (draft.profileName.trim() === '') errors.profileName = 'Give the customer a name, so you can find this setup again.';
  if (!draft.mode) errors.mode = 'Choose the product you are connecting.';
  if (draft.mode === 'flex-legacy' && !draft.migration) errors.migration = 'Choose how you want to move to enhanced SSO.';
  if (!draft.idp || !isIdpId(draft.idp)) errors.idp = 'Choose the identity provider your users sign in with.';
  if (mode) {
    const definition = MODES[mode];
    const read = readModeIdInput(mode, draft[definition.idField]);
    if (!read.ok) errors[definition.idField] = read.message;
    else if (mode === 'flex-enhanced' && draft.acsUrl.trim() !== '') {
      const acs = enhancedAcsUrlProblem(draft.acsUrl, draft.connectionId);
      if (acs) errors.connectionId = acs;
    }
  }
  if (draft.idp === 'auth0') {
    const read = readAuth0ClientId(draft.auth0ClientId);
    if (!read.ok) errors.auth0ClientId = read.message;
  }
  if (draft.mode === 'flex-legacy') {
    const problem = sidProblem(draft.accountSid, 'AC');
    if (problem) errors.accountSid = problem;
  }
  if (draft.twilioAccountSid.trim() !== '') {
    const problem = sidProblem(draft.twilioAccountSid, 'AC');
    if (problem) errors.twilioAccountSid = problem;
  }
  if (draft.authMethod === 'api-key' && draft.apiKeySid.trim() !== '') {
    const problem = sidProblem(draft.apiKeySid, 'SK');
    if (problem) errors.apiKeySid = problem;
  }
  if (draft.certificate.trim() === '') errors.certificate = 'Paste the signing certificate, or import the metadata.';
  else {
    const parsed = parseCertificate(draft.certificate);
    if (!parsed.ok) errors.certificate = parsed.message;
  }
  if (draft.issuer.trim() === '') errors.issuer = 'The issuer is required: copy it from the identity provider, or import the metadata.';
  const sso =
    draft.ssoUrl.trim() === ''
      ? 'The single sign-on URL is required: copy it from the identity provider, or import the metadata.'
      : urlProblem(draft.ssoUrl, 'The single sign-on URL', { allowHttp: isLoopbackUrl(draft.ssoUrl) });
  if (sso) errors.ssoUrl = sso;
  const metadataUrl =
    draft.metadataUrl.trim() === '' ? null : urlProblem(draft.metadataUrl, 'The metadata URL', { allowHttp: isLoopbackUrl(draft.metadataUrl) });
  if (metadataUrl) errors.metadataUrl = metadataUrl;
  const redirect =
    draft.defaultRedirectUrl.trim() === ''
      ? null
      : urlProblem(draft.defaultRedirectUrl, 'The Default Redirect URL', { allowHttp: isLoopbackUrl(draft.defaultRedirectUrl) });
  if (redirect) errors.defaultRedirectUrl = redirect;
  for (const entry of trustedDomainList(draft)) {
    const check = checkTrustedDomain(entry, mode ?? undefined);
    if (!check.ok) {
      errors.trustedDomains = check.message;
      break;
    }
  }
  if (draft.loginStart === 'idp') {
    const init = urlProblem(draft.idpInitUrl, 'The launch URL', { allowHttp: true });
    if (init) errors.idpInitUrl = init;
  }
  return errors;
}

/** The trusted domains as entered, one per line (commas accepted). */
export function trustedDomainList(draft: Draft): string[] {
  return draft.trustedDomains
    .split(/[\n,]/)
    .map((line) => line.trim())
    .filter(Boolean);
}
