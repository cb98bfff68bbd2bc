import { useMemo } from 'react';
import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import { SetItUpForMe } from '../idp-admin/SetItUpForMe';
import { useWizard } from '../wizard/context';
import { checklistFor } from '../wizard/checklist';
import { isAdminIdp } from '../../../shared/idp-admin/desired';
import { Auth0ClientIdField } from './Auth0ClientIdField';
import { ChecklistSectionView } from './ChecklistView';
import { Lead } from './layout';

/** The sections of the checklist that happen in the IdP, rendered from the playbook's data. */
const IDP_SECTIONS = ['sp-values', 'migration', 'idp-setup', 'claims', 'roles', 'signing', 'sessions'];

export function ConfigureStep() {
  const { draft, activeConnectionId } = useWizard();
  const { profileName, mode, migration, idp, connectionId, acsUrl, accountSid, realmSid, frontlineWorkspaceId, auth0ClientId } = draft;
  const checklist = useMemo(
    () => checklistFor({ ...draft, profileName, mode, migration, idp, connectionId, acsUrl, accountSid, realmSid, frontlineWorkspaceId, auth0ClientId }),
    // Rebuilt only when an input of the checklist changes, so generated ids stay put while the admin works.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [profileName, mode, migration, idp, connectionId, acsUrl, accountSid, realmSid, frontlineWorkspaceId, auth0ClientId],
  );
  if (!checklist) return null;
  const sections = checklist.sections.filter((section) => IDP_SECTIONS.includes(section.id));
  return (
    <>
      <SetItUpForMe key={`${activeConnectionId ?? ''}:${draft.idp ?? ''}`} />
      <Lead>
        {isAdminIdp(checklist.idp.id) ? 'Or work' : 'Work'} through these steps in {checklist.idp.label}. Each value carries the name {checklist.idp.label} gives its field; use its Copy button so
        nothing is mistyped. Labels marked &quot;label unverified&quot; may read a little differently in your console.
      </Lead>
      {checklist.idp.id === 'auth0' && <Auth0ClientIdField />}
      {checklist.warnings.map((warning, index) => (
        <MessageBar key={index} intent={warning.severity === 'error' ? 'error' : warning.severity === 'warning' ? 'warning' : 'info'} layout="multiline">
          <MessageBarBody>{warning.message}</MessageBarBody>
        </MessageBar>
      ))}
      {sections.map((section) => (
        <ChecklistSectionView key={section.id} section={section} numbered={section.id === 'idp-setup'} />
      ))}
    </>
  );
}
