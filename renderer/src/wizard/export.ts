import type { TaskStatus, LastTestResult } from '../../../shared/api';
import type { Checklist, ChecklistSection } from '../../../shared/checklist/types';
import { parseCertificate } from '../../../shared/domain/certificate';
import { daysLeftWords, longDate } from '../../../shared/domain/dates';
import { checklistFor } from './checklist';
import { targetMode, trustedDomainList, type Draft } from './draft';
import type { NextItem } from './whats-next';
import { SEVERITY_WORDS } from './words';

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
  if (certificate.ok) {
    body.push(
      certificate.daysLeft < 0
        ? `The certificate expired on ${longDate(certificate.notAfter)} (${daysLeftWords(certificate.daysLeft)}): make a new one active in the IdP before anyone can sign in.`
        : `The certificate is valid until ${longDate(certificate.notAfter)} (${daysLeftWords(certificate.daysLeft)}).`,
    );
  }
  // The Notes stay private: they are for the admin, and the checklist goes to the customer.
  const sections: ChecklistSection[] = [
    {
      id: 'customer-values',
      title: 'This customer\u2019s values for the Twilio Console',
      steps: [{ title: 'Paste these into the Console', body, values, artifacts: [], tables: [], warnings: [] }],
    },
  ];
  const report = lastTest?.result?.kind === 'login-test' ? lastTest.result.report : null;
  if (report) {
    sections.push({
      id: 'last-test',
      title: 'Last test login',
      steps: [
        {
          title: report.verdict === 'ok' ? 'Passed' : report.verdict === 'unverified' ? 'Not verified' : 'Failed',
          body: [
            report.verdict === 'ok'
              ? 'Twilio would accept the captured response, and its signature matches the certificate given.'
              : report.verdict === 'unverified'
                ? 'Nothing else was wrong, but the signature could not be checked: no IdP certificate was given.'
                : 'Twilio would refuse the captured response.',
          ],
          values: [],
          artifacts: [],
          tables: [
            ...(report.findings.length > 0
              ? [
                  {
                    columns: ['Kind', 'What is wrong', 'How to fix it'],
                    rows: report.findings.map((finding) => [SEVERITY_WORDS[finding.severity], finding.message, finding.fix]),
                  },
                ]
              : []),
            ...(report.worker
              ? [
                  {
                    columns: [targetMode(draft) === 'frontline' ? 'Attribute' : 'Worker attribute', 'Value'],
                    rows: Object.entries(report.worker.attributes).map(([name, value]) => [name, typeof value === 'string' ? value : JSON.stringify(value)]),
                  },
                ]
              : []),
          ],
          warnings: [],
        },
      ],
    });
  } else if (stored) {
    sections.push({
      id: 'last-test',
      title: 'Last test login',
      steps: [{ title: stored.outcome, body: [`${stored.summary} (${stored.at})`], values: [], artifacts: [], tables: [], warnings: [] }],
    });
  }
  return sections;
}

/** The summary's "what is left" and "what's next", as the document's last section. */
function nextSection(left: readonly NextItem[], next: readonly NextItem[]): ChecklistSection {
  const step = (item: NextItem) => ({ title: item.title, body: [item.body], values: [], artifacts: [], tables: [], warnings: [] });
  return {
    id: 'whats-next',
    title: left.length > 0 ? 'What is left, and what comes next' : 'What comes next',
    steps: [...left.map(step), ...next.map(step)],
  };
}

/** How the last test login ended, in words (the summary's table says the same). */
const STORED_TEST_WORDS: Record<LastTestResult['outcome'], string> = {
  passed: 'passed',
  failed: 'failed',
  unverified: 'not verified (no IdP certificate)',
  cancelled: 'cancelled',
  'timed-out': 'nobody signed in in time',
  error: 'could not finish',
};

export function testWords(lastTest: TaskStatus | null, stored: LastTestResult | null): string {
  const report = lastTest?.result?.kind === 'login-test' ? lastTest.result.report : null;
  if (report) return { ok: 'passed', fail: 'failed', unverified: 'not verified (no IdP certificate)' }[report.verdict];
  if (lastTest) return 'no response was captured';
  if (stored) return `${STORED_TEST_WORDS[stored.outcome]} (${new Date(stored.at).toLocaleString()})`;
  return 'not run yet';
}

function certificateWords(draft: Draft): string {
  if (draft.certificate.trim() === '') return 'not given yet';
  const certificate = parseCertificate(draft.certificate);
  if (!certificate.ok) return 'cannot be read';
  return certificate.daysLeft < 0 ? `expired on ${longDate(certificate.notAfter)}` : `valid until ${longDate(certificate.notAfter)}`;
}

/** Where this customer stands, for the document's header. */
function statusRows(draft: Draft, lastTest: TaskStatus | null, stored: LastTestResult | null, left?: readonly NextItem[]): Checklist['status'] {
  const rows = [
    { label: 'Signing certificate', value: certificateWords(draft) },
    { label: 'Test login', value: testWords(lastTest, stored) },
  ];
  if (left) {
    rows.push({
      label: 'Steps left',
      value: left.length === 0 ? 'none' : `${left.length} (${left.map((item) => item.title).join(', ')})`,
    });
  }
  return rows;
}

/** The whole document for this customer: the checklist plus their values, last test, and what comes next. */
export function customerChecklist(
  draft: Draft,
  lastTest: TaskStatus | null,
  stored: LastTestResult | null,
  next?: { left: readonly NextItem[]; next: readonly NextItem[] },
): Checklist | null {
  const checklist = checklistFor(draft);
  if (!checklist) return null;
  return {
    ...checklist,
    title: `${checklist.title}: ${draft.profileName.trim()}`,
    status: statusRows(draft, lastTest, stored, next?.left),
    sections: [...checklist.sections, ...customerSections(draft, lastTest, stored), ...(next ? [nextSection(next.left, next.next)] : [])],
  };
}

/** A file name from the customer's name. */
export function exportName(draft: Draft, extension: string): string {
  const base =
    draft.profileName
      .trim()
      .replace(/[^A-Za-z0-9 _.-]+/g, '')
      .replace(/\s+/g, '-')
      .slice(0, 60) || 'customer';
  return `flex-sso-${base}.${extension}`;
}
