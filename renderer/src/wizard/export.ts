import type { TaskStatus, LastTestResult } from '../../../shared/api';
import type { Checklist, ChecklistSection } from '../../../shared/checklist/types';
import { parseCertificate } from '../../../shared/domain/certificate';
import { checklistFor } from './checklist';
import { targetMode, trustedDomainList, type Draft } from './draft';

/** The customer's own values and the last test, as checklist sections every renderer can show. */
function customerSections(draft: Draft, lastTest: TaskStatus | null, stored: LastTestResult | null): ChecklistSection[] {
  const certificate = parseCertificate(draft.certificate);
  const values = [
    { label: 'X.509 Certificate', value: certificate.ok ? certificate.pem.trim() : draft.certificate.trim() },
    { label: 'Identity Provider Issuer', value: draft.issuer.trim() },
    { label: 'Single Sign-On URL', value: draft.ssoUrl.trim() },
  ];
  if (draft.defaultRedirectUrl.trim()) values.push({ label: 'Default Redirect URL', value: draft.defaultRedirectUrl.trim() });
  const domains = trustedDomainList(draft);
  if (domains.length > 0) values.push({ label: 'Trusted Domains', value: domains.join('\n') });
  const body = [`Customer: ${draft.profileName.trim()}.`];
  if (certificate.ok) body.push(`The certificate is valid until ${certificate.notAfter.slice(0, 10)} (${certificate.daysLeft} days left); SHA-256 fingerprint ${certificate.sha256Fingerprint}.`);
  if (draft.notes.trim()) body.push(`Notes: ${draft.notes.trim()}`);
  const sections: ChecklistSection[] = [
    { id: 'customer-values', title: 'This customer\u2019s values for the Twilio Console', steps: [{ title: 'Paste these into the Console', body, values, artifacts: [], tables: [], warnings: [] }] },
  ];
  const report = lastTest?.result?.kind === 'login-test' ? lastTest.result.report : null;
  if (report) {
    sections.push({
      id: 'last-test',
      title: 'Last test login',
      steps: [
        {
          title: report.ok ? 'Passed' : 'Failed',
          body: [report.ok ? 'Twilio would accept the captured response.' : 'Twilio would refuse the captured response.'],
          values: [],
          artifacts: [],
          tables: [
            ...(report.findings.length > 0 ? [{ columns: ['Finding', 'Severity', 'What is wrong', 'How to fix it'], rows: report.findings.map((finding) => [finding.code, finding.severity, finding.message, finding.fix]) }] : []),
            ...(report.worker ? [{ columns: [targetMode(draft) === 'frontline' ? 'Attribute' : 'Worker attribute', 'Value'], rows: Object.entries(report.worker.attributes).map(([name, value]) => [name, typeof value === 'string' ? value : JSON.stringify(value)]) }] : []),
          ],
          warnings: [],
        },
      ],
    });
  } else if (stored) {
    sections.push({ id: 'last-test', title: 'Last test login', steps: [{ title: stored.outcome, body: [`${stored.summary} (${stored.at})`], values: [], artifacts: [], tables: [], warnings: [] }] });
  }
  return sections;
}

/** The whole document for this customer: the checklist plus their values and last test. */
export function customerChecklist(draft: Draft, lastTest: TaskStatus | null, stored: LastTestResult | null): Checklist | null {
  const checklist = checklistFor(draft);
  if (!checklist) return null;
  return { ...checklist, title: `${checklist.title}: ${draft.profileName.trim()}`, sections: [...checklist.sections, ...customerSections(draft, lastTest, stored)] };
}

/** A file name from the customer's name. */
export function exportName(draft: Draft, extension: string): string {
  const base = draft.profileName.trim().replace(/[^A-Za-z0-9 _.-]+/g, '').replace(/\s+/g, '-').slice(0, 60) || 'customer';
  return `flex-sso-${base}.${extension}`;
}
