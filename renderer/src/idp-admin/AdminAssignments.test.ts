import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { describe, expect, it } from 'vitest';
import { ADMIN_IDP_FORMS } from '../../../shared/idp-admin/sign-in';
import { AdminAssignments } from './AdminAssignments';

const ROLES = ['admin', 'supervisor', 'agent'] as const;

function render(idp: keyof typeof ADMIN_IDP_FORMS, assignments: Parameters<typeof AdminAssignments>[0]['assignments'] = []): string {
  const form = ADMIN_IDP_FORMS[idp].assignments;
  if (!form) throw new Error(`${idp} has no assignment form`);
  return renderToStaticMarkup(
    createElement(FluentProvider, { theme: webLightTheme }, createElement(AdminAssignments, { form, roles: ROLES, assignments, onChange: () => undefined })),
  );
}

describe('giving people access: a role is asked for only where the assignment carries it', () => {
  it('Okta: no role picker, and the reason said (roles come from the User type)', () => {
    const html = render('okta', [{ principalType: 'group', principalId: '00gflexagents', role: 'agent' }]);
    expect(html).not.toContain('<select');
    expect(html).not.toMatch(/>Role</);
    expect(html).toContain('It asks for no role here: each member&#x27;s roles come from their User type in Okta.');
    expect(html).not.toContain('with the role');
  });

  it('Microsoft Entra ID: the role is chosen with each assignment (its app roles)', () => {
    const html = render('azure-ad', [{ principalType: 'group', principalId: 'f0e1d2c3-0000-4000-8000-000000000000', role: 'agent' }]);
    expect(html).toContain('<select');
    expect(html).toContain('with the role agent');
  });
});
