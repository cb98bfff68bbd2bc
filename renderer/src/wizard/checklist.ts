import { buildChecklist } from '../../../shared/checklist/model';
import type { Checklist, ChecklistInput } from '../../../shared/checklist/types';
import { parseCertificate } from '../../../shared/domain/certificate';
import { isIdpId } from '../../../shared/idps/index';
import { readAuth0ClientId } from '../../../shared/idps/auth0-client-id';
import { MODES } from '../../../shared/domain/modes';
import { fieldErrors, modeIdsFrom, targetMode, type Draft } from './draft';

/**
 * The checklist for what the admin has entered, or null until mode, IdP and id are valid. A legacy
 * account gets the move to enhanced SSO (its chosen path, old and new values side by side), never
 * a fresh legacy setup. `now` is today's date, which the checklist's dates are compared with.
 */
export function checklistFor(draft: Draft, now: Date = new Date()): Checklist | null {
  const mode = targetMode(draft);
  if (!draft.mode || !mode || !draft.idp || !isIdpId(draft.idp)) return null;
  const errors = fieldErrors(draft);
  const definition = MODES[mode];
  if (errors[definition.idField] !== undefined || (draft.mode === 'flex-legacy' && errors.accountSid !== undefined)) return null;
  const appName = draft.profileName.trim() ? `Twilio ${definition.productName} (${draft.profileName.trim()})` : undefined;
  const auth0 = draft.idp === 'auth0' ? readAuth0ClientId(draft.auth0ClientId) : null;
  return buildChecklist({
    mode: draft.mode,
    idp: draft.idp,
    ...modeIdsFrom(draft),
    ...(draft.mode === 'flex-legacy' ? { migration: draft.migration === 'modify-existing' ? 'modify-existing' : 'create-new-app' } : {}),
    ...(mode === 'frontline' && draft.frontlineWorkspaceId.trim() ? { workspaceId: draft.frontlineWorkspaceId } : {}),
    ...(auth0?.ok ? { auth0ClientId: auth0.clientId } : {}),
    appName,
    idpValues: broughtBack(draft, errors),
    now,
  });
}

/** The IdP's values the admin brought back, those that are valid: the checklist shows them to paste. */
function broughtBack(draft: Draft, errors: ReturnType<typeof fieldErrors>): NonNullable<ChecklistInput['idpValues']> {
  const values: NonNullable<ChecklistInput['idpValues']> = {};
  if (errors.certificate === undefined && draft.certificate.trim() !== '') {
    const parsed = parseCertificate(draft.certificate);
    if (parsed.ok) values.certificate = parsed.pem;
  }
  if (errors.issuer === undefined && draft.issuer.trim() !== '') values.issuer = draft.issuer.trim();
  if (errors.ssoUrl === undefined && draft.ssoUrl.trim() !== '') values.ssoUrl = draft.ssoUrl.trim();
  return values;
}
