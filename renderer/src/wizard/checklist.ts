import { buildChecklist } from '../../../shared/checklist/model';
import type { Checklist } from '../../../shared/checklist/types';
import { MODES } from '../../../shared/domain/modes';
import { isSid } from '../../../shared/domain/sids';
import { isIdpId } from '../../../shared/idps/index';
import { targetMode, type Draft } from './draft';

/**
 * The checklist for what the admin has entered, or null until mode, IdP and id are valid. A legacy
 * setup is built as enhanced SSO (what the IdP must get), with the legacy checklist's migration
 * section added when the Account SID is known.
 */
export function checklistFor(draft: Draft): Checklist | null {
  const mode = targetMode(draft);
  if (!mode || !draft.idp || !isIdpId(draft.idp)) return null;
  const definition = MODES[mode];
  if (!isSid(draft[definition.idField], definition.idPrefix)) return null;
  const appName = draft.profileName.trim() ? `Twilio ${definition.product === 'frontline' ? 'Frontline' : 'Flex'} (${draft.profileName.trim()})` : undefined;
  const checklist = buildChecklist({ mode, idp: draft.idp, connectionId: draft.connectionId, realmSid: draft.realmSid, appName });
  if (draft.mode === 'flex-legacy' && isSid(draft.accountSid, 'AC')) {
    const legacy = buildChecklist({ mode: 'flex-legacy', idp: draft.idp, accountSid: draft.accountSid, appName });
    const migration = legacy.sections.find((section) => section.id === 'migration');
    if (migration) checklist.sections.splice(1, 0, migration);
    checklist.warnings.unshift(...legacy.warnings.filter((warning) => warning.severity !== 'info'));
  }
  return checklist;
}
