import { describe, expect, it } from 'vitest';
import { oktaOrgUrlProblem } from './sign-in';

describe('the Okta org URL, checked as it is typed', () => {
  it.each([
    ['https://acme-admin.okta.com', 'https://acme.okta.com'],
    ['acme-admin.okta.com/admin/dashboard', 'https://acme.okta.com'],
    ['https://dev-123456-admin.oktapreview.com', 'https://dev-123456.oktapreview.com'],
  ])("%s: the Admin Console's address, with the org URL to use instead", (typed, org) => {
    const problem = oktaOrgUrlProblem(typed);
    expect(problem).toContain(`the org URL is ${org}`);
    expect(problem).toMatch(/^Leave -admin out: .*\.$/);
  });

  it.each(['https://acme.okta.com', 'https://dev-123456.oktapreview.com', 'http://127.0.0.1:8080', 'https://login.acme-admin.example.com', ''])(
    '%s: no problem',
    (typed) => {
      expect(oktaOrgUrlProblem(typed)).toBeNull();
    },
  );
});
