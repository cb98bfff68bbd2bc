import type { LoginStart, MigrationChoice } from '../../../shared/api';
import { MODES, type ModeId } from '../../../shared/domain/modes';
import { sidProblem } from '../../../shared/domain/sids';
import { parseCertificate } from '../../../shared/domain/certificate';
import { findPlaybook } from './knowledge';
import { urlProblem } from '../../../shared/domain/urls';
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
  connectionId: string;
  accountSid: string;
  realmSid: string;
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
  accountSid: '',
  realmSid: '',
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

export type FieldErrors = Partial<Record<keyof Draft, string>>;

/** The problems with what is typed so far, keyed by field; empty optional fields are fine. */
export function fieldErrors(draft: Draft): FieldErrors {
  const errors: FieldErrors = {};
  const mode = targetMode(draft);
  if (draft.profileName.trim() === '') errors.profileName = 'Give the customer a name, so you can find this setup again.';
  if (!draft.mode) errors.mode = 'Choose the product you are connecting.';
  if (draft.mode === 'flex-legacy' && !draft.migration) errors.migration = 'Choose how you want to move to enhanced SSO.';
  if (!findPlaybook(draft.idp)) errors.idp = 'Choose the identity provider your users sign in with.';
  if (mode) {
    const definition = MODES[mode];
    const problem = sidProblem(draft[definition.idField], definition.idPrefix);
    if (problem) errors[definition.idField] = problem;
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
  const sso = draft.ssoUrl.trim() === '' ? 'The single sign-on URL is required: copy it from the identity provider, or import the metadata.' : urlProblem(draft.ssoUrl, 'The single sign-on URL', { allowHttp: isLoopback(draft.ssoUrl) });
  if (sso) errors.ssoUrl = sso;
  const metadataUrl = draft.metadataUrl.trim() === '' ? null : urlProblem(draft.metadataUrl, 'The metadata URL', { allowHttp: isLoopback(draft.metadataUrl) });
  if (metadataUrl) errors.metadataUrl = metadataUrl;
  const redirect = draft.defaultRedirectUrl.trim() === '' ? null : urlProblem(draft.defaultRedirectUrl, 'The Default Redirect URL');
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

/** Addresses on this computer (test identity providers) may use plain http. */
export function isLoopback(value: string): boolean {
  try {
    const host = new URL(value.trim()).hostname;
    return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
  } catch {
    return false;
  }
}
