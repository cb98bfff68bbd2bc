import type { AdminIdpId } from './desired';

/**
 * What "Set it up for me" needs from the admin to reach each IdP's admin API, as data: the wizard
 * renders these forms without naming an IdP in its React code. The permission lists are the ones
 * the plan names and the providers ask for (one declaration each).
 */

/** Microsoft Graph delegated permissions (an administrator consents once for the tenant). */
export const ENTRA_PERMISSIONS = [
  'Application.ReadWrite.All',
  'AppRoleAssignment.ReadWrite.All',
  'Policy.Read.All',
  'Policy.ReadWrite.ApplicationConfiguration',
] as const;
/** Okta OAuth scopes of an API service app (an API token acts as its admin instead). */
export const OKTA_SCOPES = ['okta.apps.manage', 'okta.apps.read', 'okta.groups.read'] as const;
/** Auth0 Management API scopes of the machine-to-machine application. */
export const AUTH0_SCOPES = [
  'read:clients',
  'create:clients',
  'update:clients',
  'delete:clients',
  'read:actions',
  'create:actions',
  'update:actions',
  'delete:actions',
] as const;

export interface AdminSecretField {
  /** The key in the credential sent to the main side. */
  key: 'token' | 'clientId' | 'clientSecret';
  label: string;
  hint: string;
  secret: boolean;
}

export type AdminSignInForm =
  | {
      kind: 'microsoft';
      /** Who may sign in and consent, and what is asked for. */
      who: string;
    }
  | {
      kind: 'secret';
      /** Where the tenant is typed, and the target key it fills. */
      tenant: { key: 'orgUrl' | 'domain'; label: string; placeholder: string; hint: string; problem?: (value: string) => string | null };
      credentialKind: 'api-token' | 'client-credentials';
      fields: readonly AdminSecretField[];
      who: string;
    };

/**
 * What is wrong with a typed Okta org URL that the main side would otherwise only find by failing
 * to sign in: the Admin Console's address (acme-admin.okta.com) instead of the org's.
 */
export function oktaOrgUrlProblem(value: string): string | null {
  const host = /^(?:https?:\/\/)?([^/:?#]+)/i.exec(value.trim())?.[1] ?? '';
  const admin = /^(.+)-admin(\.[a-z0-9-]*okta[a-z0-9-]*\.[a-z.]+)$/i.exec(host);
  if (!admin) return null;
  return `Leave -admin out: the org URL is https://${admin[1]}${admin[2]}, not the Admin Console's address https://${host}.`;
}

export interface AdminAssignmentForm {
  types: ReadonlyArray<'group' | 'user'>;
  label: string;
  hint: string;
  /**
   * Where each person's roles come from: a role chosen with the assignment (Entra's app roles), or
   * the IdP itself, said in these words (Okta: the User type), so the wizard asks for no role.
   */
  rolesFromIdp: string | null;
}

export interface AdminIdpForms {
  signIn: AdminSignInForm;
  /** Who gets a role in the app; null: roles come from elsewhere (said in `rolesNote`). */
  assignments: AdminAssignmentForm | null;
  rolesNote: string;
}

export const ADMIN_IDP_FORMS: Record<AdminIdpId, AdminIdpForms> = {
  'azure-ad': {
    signIn: {
      kind: 'microsoft',
      who: `Sign in as an administrator who may create enterprise applications (Cloud Application Administrator or Application Administrator). The wizard asks Microsoft for the delegated permissions ${ENTRA_PERMISSIONS.join(', ')}; if your tenant requires it, a Global Administrator or Privileged Role Administrator grants admin consent once.`,
    },
    assignments: {
      types: ['group', 'user'],
      label: 'Object ID of a group or user',
      hint: 'Microsoft Entra admin center > Groups (or Users) > the group > Overview > Object ID. Groups need Microsoft Entra ID P1 or P2, and nested groups are not followed.',
      rolesFromIdp: null,
    },
    rolesNote: 'Each group or user is assigned with the role you choose; Microsoft sends it in the roles claim.',
  },
  okta: {
    signIn: {
      kind: 'secret',
      tenant: {
        key: 'orgUrl',
        label: 'Okta org URL',
        placeholder: 'https://acme.okta.com',
        hint: 'The address of your Okta org, without -admin.',
        problem: oktaOrgUrlProblem,
      },
      credentialKind: 'api-token',
      fields: [
        {
          key: 'token',
          label: 'API token',
          hint: 'Admin Console > Security > API > Tokens > Create token, as a Super Administrator or Application Administrator.',
          secret: true,
        },
      ],
      who: `The token acts as the admin who created it, who needs the Super Administrator or Application Administrator role (the plan names ${OKTA_SCOPES[0]}). An API service app with a private key works from the command line (flex-sso idp sign-in --client-id).`,
    },
    assignments: {
      types: ['group'],
      label: 'Group ID',
      hint: 'Directory > Groups > the group: the id in its address (00g…).',
      rolesFromIdp: "each member's roles come from their User type in Okta",
    },
    rolesNote: "Okta sends each user's roles from their User type (for example agent,supervisor).",
  },
  auth0: {
    signIn: {
      kind: 'secret',
      tenant: { key: 'domain', label: 'Tenant domain', placeholder: 'acme.us.auth0.com', hint: 'Settings > General, or the Domain of any application.' },
      credentialKind: 'client-credentials',
      fields: [
        {
          key: 'clientId',
          label: 'Client ID of the machine-to-machine application',
          hint: 'Applications > Applications > Create Application > Machine to Machine, authorized for the Auth0 Management API.',
          secret: false,
        },
        { key: 'clientSecret', label: 'Client Secret', hint: "The same application's Settings > Client Secret.", secret: true },
      ],
      who: `The machine-to-machine application needs these Management API scopes: ${AUTH0_SCOPES.join(', ')} (Applications > APIs > Auth0 Management API > Machine To Machine Applications).`,
    },
    assignments: null,
    rolesNote:
      "Auth0 sends each user's roles from their app_metadata (flex.roles, or frontline.roles for Frontline: User Management > Users > the user > app_metadata), through the Post-Login Action the wizard creates.",
  },
};
