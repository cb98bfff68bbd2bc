import { useMemo } from 'react';
import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Button, MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import type { ChecklistSection } from '../../../shared/checklist/types';
import { ArtifactView } from '../components/ArtifactView';
import { SetItUpForMe } from '../idp-admin/SetItUpForMe';
import { useWizard } from '../wizard/context';
import { checklistFor } from '../wizard/checklist';
import { isAdminIdp } from '../../../shared/idp-admin/desired';
import { Auth0ClientIdField } from './Auth0ClientIdField';
import { ChecklistSectionView, NumberedStepsView } from './ChecklistView';
import { Lead, Paragraph, Section } from './layout';

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, paddingBottom: tokens.spacingVerticalM },
  setItUp: {
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
  },
});

/** The details behind the steps (which claims, which roles, signing, sessions): there when wanted, folded away otherwise. */
const REFERENCE_SECTIONS = ['claims', 'roles', 'signing', 'sessions'];

function sectionById(sections: readonly ChecklistSection[], id: string): ChecklistSection | undefined {
  return sections.find((section) => section.id === id);
}

/**
 * The IdP step: the steps to take in the IdP's console, numbered, each value once in the console's
 * own field names (Twilio's ACS URL and Entity ID are in "Enter Twilio's values"); the reference
 * details folded away; Twilio's SP metadata XML last, for IdPs that read a metadata file.
 */
export function ConfigureStep() {
  const styles = useStyles();
  const { draft, activeConnectionId, goToStep } = useWizard();
  const { profileName, mode, migration, idp, connectionId, acsUrl, accountSid, realmSid, frontlineWorkspaceId, auth0ClientId } = draft;
  const checklist = useMemo(
    () => checklistFor({ ...draft, profileName, mode, migration, idp, connectionId, acsUrl, accountSid, realmSid, frontlineWorkspaceId, auth0ClientId }),
    // Rebuilt only when an input of the checklist changes, so generated ids stay put while the admin works.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [profileName, mode, migration, idp, connectionId, acsUrl, accountSid, realmSid, frontlineWorkspaceId, auth0ClientId],
  );
  if (!checklist) return null;
  const setup = sectionById(checklist.sections, 'idp-setup');
  const migrationSection = sectionById(checklist.sections, 'migration');
  const reference = REFERENCE_SECTIONS.flatMap((id) => sectionById(checklist.sections, id) ?? []);
  const setupHasMetadata = setup?.steps.some((step) => step.artifacts.some((artifact) => artifact.kind === 'sp-metadata')) ?? false;
  const spMetadata = setupHasMetadata
    ? null
    : (sectionById(checklist.sections, 'sp-values')
        ?.steps.flatMap((step) => step.artifacts)
        .find((artifact) => artifact.kind === 'sp-metadata') ?? null);
  const label = checklist.idp.label;
  return (
    <>
      {isAdminIdp(checklist.idp.id) ? (
        // Folded until chosen: the step stays short for whoever works through it by hand.
        <Accordion collapsible className={styles.setItUp} data-testid="set-it-up-choice">
          <AccordionItem value="set-it-up">
            <AccordionHeader as="h2" size="large">
              Set it up for me: let the wizard create the app in {label}
            </AccordionHeader>
            <AccordionPanel className={styles.panel}>
              <SetItUpForMe key={`${activeConnectionId ?? ''}:${draft.idp ?? ''}`} />
            </AccordionPanel>
          </AccordionItem>
        </Accordion>
      ) : (
        <SetItUpForMe key={`${activeConnectionId ?? ''}:${draft.idp ?? ''}`} />
      )}
      <Lead>
        {isAdminIdp(checklist.idp.id) ? 'Or work' : 'Work'} through these steps in {label}. Each value carries the name {label} gives its field; use its Copy
        button so nothing is mistyped.
      </Lead>
      {checklist.idp.id === 'auth0' && <Auth0ClientIdField />}
      {checklist.warnings.map((warning) => (
        <MessageBar
          key={warning.message}
          intent={warning.severity === 'error' ? 'error' : warning.severity === 'warning' ? 'warning' : 'info'}
          layout="multiline"
        >
          <MessageBarBody>{warning.message}</MessageBarBody>
        </MessageBar>
      ))}
      {migrationSection && (
        <>
          <ChecklistSectionView section={migrationSection} />
          <div>
            <Button onClick={() => goToStep('product')}>Change the migration path</Button>
          </div>
        </>
      )}
      {setup && <NumberedStepsView section={setup} />}
      {(reference.length > 0 || spMetadata) && (
        <Section title="In detail, and other ways" testId="configure-reference">
          {reference.length > 0 && (
            <Accordion collapsible multiple>
              {reference.map((section) => (
                <AccordionItem key={section.id} value={section.id}>
                  <AccordionHeader as="h3">{section.title}</AccordionHeader>
                  <AccordionPanel className={styles.panel}>
                    <ChecklistSectionView section={section} level={4} />
                  </AccordionPanel>
                </AccordionItem>
              ))}
            </Accordion>
          )}
          {spMetadata && (
            <div data-testid="sp-metadata">
              <Paragraph>Only if {label} asks for a metadata file: Twilio&apos;s values (the same ACS URL and Entity ID as above) as SP metadata.</Paragraph>
              <ArtifactView artifact={spMetadata} />
            </div>
          )}
        </Section>
      )}
    </>
  );
}
