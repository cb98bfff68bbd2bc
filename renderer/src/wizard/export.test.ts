import { describe, expect, it } from 'vitest';
import type { LastTestResult } from '../../../shared/api';
import { renderHtml } from '../../../shared/checklist/render-html';
import { renderMarkdown } from '../../../shared/checklist/render-markdown';
import { ChecklistSchema } from '../../../shared/checklist/schema';
import { EMPTY_DRAFT, type Draft } from './draft';
import { customerChecklist } from './export';
import { STEPS, type StepId } from './steps';
import { whatsLeft } from './whats-next';

const HEX = '0123456789abcdef0123456789abcdef';
/** Microsoft's public signing certificate from the Entra metadata in the corpus: it expired on 19 February 2020. */
const EXPIRED_CERTIFICATE =
  'MIIDBTCCAe2gAwIBAgIQev76BWqjWZxChmKkGqoAfDANBgkqhkiG9w0BAQsFADAtMSswKQYDVQQDEyJhY2NvdW50cy5hY2Nlc3Njb250cm9sLndpbmRvd3MubmV0MB4XDTE4MDIxODAwMDAwMFoXDTIwMDIxOTAwMDAwMFowLTErMCkGA1UEAxMiYWNjb3VudHMuYWNjZXNzY29udHJvbC53aW5kb3dzLm5ldDCCASIwDQYJKoZIhvcNAQEBBQADggEPADCCAQoCggEBAMgmGiRfLh6Fdi99XI2VA3XKHStWNRLEy5Aw/gxFxchnh2kPdk/bejFOs2swcx7yUWqxujjCNRsLBcWfaKUlTnrkY7i9x9noZlMrijgJy/Lk+HH5HX24PQCDf+twjnHHxZ9G6/8VLM2e5ZBeZm+t7M3vhuumEHG3UwloLF6cUeuPdW+exnOB1U1fHBIFOG8ns4SSIoq6zw5rdt0CSI6+l7b1DEjVvPLtJF+zyjlJ1Qp7NgBvAwdiPiRMU4l8IRVbuSVKoKYJoyJ4L3eXsjczoBSTJ6VjV2mygz96DC70MY3avccFrk7tCEC6ZlMRBfY1XPLyldT7tsR3EuzjecSa1M8CAwEAAaMhMB8wHQYDVR0OBBYEFIks1srixjpSLXeiR8zES5cTY6fBMA0GCSqGSIb3DQEBCwUAA4IBAQCKthfK4C31DMuDyQZVS3F7+4Evld3hjiwqu2uGDK+qFZas/D/eDunxsFpiwqC01RIMFFN8yvmMjHphLHiBHWxcBTS+tm7AhmAvWMdxO5lzJLS+UWAyPF5ICROe8Mu9iNJiO5JlCo0Wpui9RbB1C81Xhax1gWHK245ESL6k7YWvyMYWrGqr1NuQcNS0B/AIT1Nsj1WY7efMJQOmnMHkPUTWryVZlthijYyd7P2Gz6rY5a81DAFqhDNJl2pGIAE6HWtSzeUEh3jCsHEkoglKfm4VrGJEuXcALmfCMbdfTvtu4rlsaP2hQad+MG/KJFlenoTK34EMHeBPDCpqNDz8UVNk';
const draft: Draft = { ...EMPTY_DRAFT, profileName: 'Contoso', mode: 'flex-enhanced', idp: 'azure-ad', connectionId: `JQ${HEX}` };

describe("the customer's export header says where the customer stands", () => {
  it('certificate, test login and steps left, in Markdown, HTML and JSON', () => {
    const done = Object.fromEntries(STEPS.map((step) => [step.id, step.id !== 'test' && step.id !== 'console'])) as Record<StepId, boolean>;
    const left = whatsLeft(done, 'Microsoft Entra ID (Azure AD)', draft, 'export');
    const checklist = customerChecklist({ ...draft, certificate: EXPIRED_CERTIFICATE }, null, null, { left, next: [] })!;
    expect(checklist.status).toEqual([
      { label: 'Signing certificate', value: 'expired on 19 February 2020' },
      { label: 'Test login', value: 'not run yet' },
      { label: 'Steps left', value: '2 (Twilio Console, Test login)' },
    ]);
    const md = renderMarkdown(checklist);
    expect(md).toContain('- Signing certificate: expired on 19 February 2020\n- Test login: not run yet\n- Steps left: 2 (Twilio Console, Test login)');
    expect(renderHtml(checklist)).toContain('<dt>Test login</dt><dd class="status">not run yet</dd>');
    expect(ChecklistSchema.parse(JSON.parse(JSON.stringify(checklist))).status).toHaveLength(3);
  });

  it('a stored passed test and no certificate yet', () => {
    const stored: LastTestResult = {
      at: '2026-11-30T10:00:00Z',
      connectionId: null,
      outcome: 'passed',
      summary: 'Passed.',
      errorCount: 0,
      warningCount: 0,
      findingCodes: [],
    };
    const checklist = customerChecklist(draft, null, stored, { left: [], next: [] })!;
    expect(checklist.status![0]).toEqual({ label: 'Signing certificate', value: 'not given yet' });
    expect(checklist.status![1]!.value).toMatch(/^passed \(/);
    expect(checklist.status![2]).toEqual({ label: 'Steps left', value: 'none' });
  });
});
