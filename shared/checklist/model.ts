import { FRONTLINE_CLOSED_NOTE } from '../domain/frontline';
import { spMetadataXml } from '../domain/sp-metadata';
import { buildContext, type BuildContext } from './context';
import { migrationSection } from './migration-section';
import {
  beforeYouStart,
  claimsSection,
  consoleSection,
  customDomainSection,
  idpInitiatedSection,
  idpSetupSection,
  rolesSection,
  sessionsSection,
  severalIdpsSection,
  signingSection,
  spValuesSection,
  testSection,
} from './sections';
import { CHECKLIST_SCHEMA, type Checklist, type ChecklistInput, type ChecklistSection, type ChecklistWarning } from './types';

export { fillTemplate } from './context';

function warningsFor(context: BuildContext): ChecklistWarning[] {
  const { requested, target, playbook, legacy, values } = context;
  const warnings: ChecklistWarning[] = [];
  if (requested.id === 'flex-legacy') warnings.push({ severity: 'warning', message: legacy.warning });
  if (target.product === 'frontline') {
    warnings.push({
      severity: 'info',
      message: FRONTLINE_CLOSED_NOTE,
    });
  } else if (!playbook.idpInitiated.supported) {
    warnings.push({ severity: 'info', message: playbook.idpInitiated.how });
  }
  if (playbook.id === 'auth0' && values && context.auth0ClientId === null) {
    warnings.push({
      severity: 'warning',
      message:
        'The Post-Login Action is left out until the Client ID of the Auth0 application is given: without it the Action would run for no application and send no roles.',
    });
  }
  return warnings;
}

function sectionsFor(context: BuildContext): ChecklistSection[] {
  const sections: ChecklistSection[] = [beforeYouStart(context)];
  if (context.requested.id === 'flex-legacy' && context.migrating) sections.push(migrationSection(context));
  const artifacts = context.artifacts;
  if (!artifacts) return sections; // a legacy account whose enhanced connection id is not known yet
  const flex = context.target.product === 'flex';
  sections.push(
    spValuesSection(context, artifacts),
    idpSetupSection(context, artifacts),
    claimsSection(context),
    rolesSection(context),
    signingSection(context),
  );
  if (flex) sections.push(sessionsSection(context));
  sections.push(consoleSection(context, artifacts));
  if (flex) sections.push(idpInitiatedSection(context));
  if (context.target.id === 'flex-enhanced') sections.push(severalIdpsSection());
  if (context.domain) sections.push(customDomainSection(context));
  if (context.requested.id === 'flex-legacy' && !context.migrating) sections.push(migrationSection(context));
  sections.push(testSection(context));
  return sections;
}

function titleFor(context: BuildContext): string {
  const { requested, target, playbook } = context;
  if (requested.id === 'flex-legacy' && context.migrating) return `Moving Flex single sign-on with ${playbook.label} from legacy to enhanced SSO`;
  return `${target.label} single sign-on with ${playbook.label}`;
}

/**
 * Builds the whole checklist for (mode, IdP, inputs) as of `input.now` (default: now). Throws
 * DomainInputError naming the field for a bad id, domain, Workspace ID or Auth0 Client ID.
 */
export function buildChecklist(input: ChecklistInput): Checklist {
  const context = buildContext(input);
  const { requested, playbook, values, legacyValues, legacy } = context;
  const shown = values ?? legacyValues!;
  const checklist: Checklist = {
    schema: CHECKLIST_SCHEMA,
    title: titleFor(context),
    date: context.now.toISOString().slice(0, 10),
    mode: { id: requested.id, label: requested.label, retired: requested.id === 'flex-legacy' && legacy.retired },
    idp: { id: playbook.id, label: playbook.label },
    values: { acsUrl: shown.acsUrl, entityId: shown.entityId, spMetadataXml: spMetadataXml(shown) },
    fieldNames: {
      acsUrl: playbook.fieldNames.acsUrl,
      entityId: playbook.fieldNames.entityId,
      certificate: playbook.fieldNames.certificate,
      issuer: playbook.fieldNames.issuer,
      ssoUrl: playbook.fieldNames.ssoUrl,
    },
    warnings: warningsFor(context),
    sections: sectionsFor(context),
  };
  if (requested.id === 'flex-legacy' && legacyValues) {
    const enhanced = context.migrating && values ? { acsUrl: values.acsUrl, entityId: values.entityId } : null;
    checklist.migration = {
      deadline: legacy.deadline,
      retired: legacy.retired,
      path: input.migration ?? null,
      legacy: { acsUrl: legacyValues.acsUrl, entityId: legacyValues.entityId },
      enhanced,
    };
  }
  return checklist;
}
