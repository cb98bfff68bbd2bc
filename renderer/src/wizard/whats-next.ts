import type { Checklist, ChecklistSection } from '../../../shared/checklist/types';
import { daysLeftWords, longDate } from '../../../shared/domain/dates';
import type { ParsedCertificate } from '../../../shared/domain/certificate';
import { MODES, type ModeId } from '../../../shared/domain/modes';
import type { Draft } from './draft';
import { switchSteps } from '../../../shared/checklist/migration-section';
import type { MigrationPath } from '../../../shared/domain/migration';
import { stepErrorFindings } from './progress';
import { STEPS, type StepId } from './steps';

export interface NextItem {
  id: string;
  title: string;
  body: string;
  /** The wizard step where it is done, when it is one (the wizard shows its number; exports do not). */
  step?: StepId;
}

/** Where the words are read: on the wizard's screen, or in an exported checklist (no wizard around it). */
export type Audience = 'screen' | 'export';

/** What each unfinished step still asks for, in words. */
function leftToDo(step: StepId, idpLabel: string, draft: Draft, audience: Audience): string {
  switch (step) {
    case 'configure':
      return audience === 'screen'
        ? `Set up the app in ${idpLabel}: copy each value into it (the wizard ticks the step once you copied them).`
        : `Set up the app in ${idpLabel}: copy each value into it.`;
    case 'bring-back':
      if (stepErrorFindings('bring-back', draft).length > 0)
        return `The signing certificate has expired: make a new one active in ${idpLabel} and bring it back.`;
      return `Bring back ${idpLabel}'s signing certificate, issuer and single sign-on URL.`;
    case 'console':
      return 'Fill in the SSO page of the Twilio Console: copy each value into it and save the page.';
    case 'test':
      return 'Run a test login that passes, with the certificate checked.';
    default: {
      const title = STEPS.find((item) => item.id === step)!.title;
      return audience === 'screen' ? `Fill in step ${STEPS.findIndex((item) => item.id === step) + 1}, ${title}.` : `${title}: not filled in yet.`;
    }
  }
}

/** The steps not done yet (by their own rule), the summary itself aside. */
export function whatsLeft(done: Readonly<Record<StepId, boolean>>, idpLabel: string, draft: Draft, audience: Audience = 'screen'): NextItem[] {
  return STEPS.filter((step) => step.id !== 'summary' && !done[step.id]).map((step) => ({
    id: `left-${step.id}`,
    title: step.title,
    body: leftToDo(step.id, idpLabel, draft, audience),
    step: step.id,
  }));
}

function assignStep(checklist: Checklist): string | null {
  const setup: ChecklistSection | undefined = checklist.sections.find((section) => section.id === 'idp-setup');
  const step = setup?.steps.find((item) => /assign/i.test(item.title));
  return step ? step.body.join(' ') : null;
}

/** A legacy customer is not done until the account is switched to enhanced SSO, and the old app is gone. */
function switchItems(path: MigrationPath): NextItem[] {
  const [switchLine, ...after] = switchSteps(path);
  return [
    { id: 'switch-to-enhanced', title: 'Switch to enhanced SSO in the Twilio Console', body: switchLine! },
    {
      id: 'after-the-switch',
      title: path === 'create-new-app' ? 'Remove the legacy IdP app after the switch' : 'After the switch',
      body: after.join(' '),
    },
  ];
}

/**
 * After the setup: who gets access, going live, and the day the certificate must be renewed.
 * The same words close the summary and the exported checklist.
 */
export function whatsNext(draft: Draft, checklist: Checklist, certificate: ParsedCertificate | null, mode: ModeId): NextItem[] {
  const definition = MODES[mode];
  const idp = checklist.idp.label;
  const roles = definition.roles.join(', ');
  const items: NextItem[] = [
    {
      id: 'assign-users',
      title: 'Give people access',
      body: `${assignStep(checklist) ?? `In ${idp}, assign the app to the people or groups who use ${definition.productName}.`} Each of them needs a role ${definition.productName} accepts (${roles}); someone with none cannot sign in.`,
    },
    ...(draft.mode === 'flex-legacy' ? switchItems(draft.migration === 'modify-existing' ? 'modify-existing' : 'create-new-app') : []),
    {
      id: 'go-live',
      title: 'Go live',
      body:
        definition.product === 'frontline'
          ? `When a test user signs in to Frontline, tell your users: they open the Frontline app and sign in with their ${idp} account.`
          : `When the last check passed, tell your users: they open Flex at your Flex address${draft.defaultRedirectUrl.trim() ? ` (${draft.defaultRedirectUrl.trim()})` : ''} and sign in with their ${idp} account. Twilio bills each Flex user from their first login.`,
    },
  ];
  if (certificate) {
    const expired = certificate.daysLeft < 0;
    items.push({
      id: 'certificate-expiry',
      title: expired ? 'The certificate has expired' : `Renew the certificate before ${longDate(certificate.notAfter)}`,
      body: expired
        ? `The signing certificate expired on ${longDate(certificate.notAfter)}: nobody can sign in until a new one is active in ${idp} and pasted into the Twilio Console.`
        : `${idp}'s signing certificate is valid until ${longDate(certificate.notAfter)} (${daysLeftWords(certificate.daysLeft)}). Before then, make a new one active in ${idp} and paste it into the Twilio Console (X.509 Certificate) on the same day, then test again.`,
    });
  }
  return items;
}
