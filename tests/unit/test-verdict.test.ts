/**
 * The test step's verdict banner, rendered the way the wizard renders it (React + Fluent UI, to
 * static markup): a report whose trust was not checked says "Not verified", never that the login
 * works; a verified one says it works; a failing one counts its problems.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { describe, expect, it } from 'vitest';
import type { AnalysisReportDto, TaskStatus } from '../../shared/api';
import { Diagnosis } from '../../renderer/src/steps/TestStep';

function status(report: Partial<AnalysisReportDto>): TaskStatus {
  const full: AnalysisReportDto = {
    ok: false,
    verdict: 'fail',
    signature: { checked: true, valid: true, certificate: 'embedded' },
    facts: null,
    findings: [],
    worker: null,
    ...report,
  };
  return {
    id: 'task-1',
    kind: 'login-test',
    state: 'succeeded',
    progress: null,
    phase: 'done',
    message: 'Finished.',
    startedAt: '2025-01-01T00:00:00Z',
    finishedAt: '2025-01-01T00:01:00Z',
    error: null,
    result: { kind: 'login-test', phase: 'done', report: full, relayState: null, captureToDiagnosisMs: 50, sentToTwilio: false, lastTestResult: null },
  };
}

function banner(report: Partial<AnalysisReportDto>): string {
  const html = renderToStaticMarkup(
    createElement(FluentProvider, { theme: webLightTheme }, createElement(Diagnosis, { status: status(report), product: 'Flex' })),
  );
  const start = html.indexOf('data-testid="test-verdict"');
  expect(start).toBeGreaterThan(-1);
  return html.slice(start - 200, start + 1200).replace(/<[^>]+>/g, ' ');
}

describe('test step verdict', () => {
  it('unverified: "Not verified: paste the IdP certificate", never "works" or "no errors"', () => {
    const text = banner({
      verdict: 'unverified',
      findings: [{ code: 'trust-not-checked', severity: 'warning', message: 'Trust was not checked.', fix: 'Give the certificate.' }],
    });
    expect(text).toContain('Not verified: paste the IdP certificate');
    expect(text).not.toMatch(/The login works|no errors/i);
  });
  it('ok: the login works', () => {
    expect(banner({ ok: true, verdict: 'ok', signature: { checked: true, valid: true, certificate: 'given' } })).toContain('The login works');
  });
  it('fail: counts the problems', () => {
    const text = banner({ verdict: 'fail', findings: [{ code: 'audience-mismatch', severity: 'error', message: 'Wrong audience.', fix: 'Fix it.' }] });
    expect(text).toContain('The login would fail: 1 problem to fix');
  });
});
