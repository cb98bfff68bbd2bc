import { INSIGHTS_ROLES } from '../domain/claims';
import { rolesToModel } from '../domain/desired-state';
import { MODES, type ModeId, type SpValues } from '../domain/modes';
import { spMetadataXml } from '../domain/sp-metadata';
import type { ArtifactKind, Playbook } from '../idps/types';
import type { ChecklistArtifact } from './types';

export interface ArtifactContext {
  mode: ModeId;
  values: SpValues;
  playbook: Playbook;
  insightsRoles: string[];
  uuid: () => string;
  logoutUrls: string[];
  /** Auth0: the application's Client ID; without it no Post-Login Action is generated. */
  auth0ClientId: string | null;
  /** Frontline: the Workspace ID from the Frontline console, when given. */
  workspaceId: string | null;
}

const ROLE_DESCRIPTIONS: Record<string, string> = {
  admin: 'Flex administrator: every Flex page',
  supervisor: 'Flex supervisor: Agent Desktop, Teams, Queue Stats',
  agent: 'Flex agent: Agent Desktop',
};

function rolesFor(context: ArtifactContext): string[] {
  return rolesToModel(context.mode, MODES[context.mode].allowsInsightsRoles ? context.insightsRoles : []);
}

/** Entra app roles (manifest "appRoles"); "Users/Groups" is allowedMemberTypes ["User"]. */
function azureAppRoles(context: ArtifactContext): ChecklistArtifact {
  const frontline = context.mode === 'frontline';
  const roles = rolesFor(context).map((value) => ({
    allowedMemberTypes: ['User'],
    description: frontline ? 'Frontline user' : (ROLE_DESCRIPTIONS[value] ?? `Flex Insights role ${value} (works with supervisor or admin)`),
    displayName: frontline ? 'Agent' : value,
    id: context.uuid(),
    isEnabled: true,
    value,
  }));
  return {
    kind: 'azure-app-roles',
    title: 'App roles for the manifest ("appRoles")',
    language: 'json',
    filename: 'azure-app-roles.json',
    content: `${JSON.stringify(roles, null, 2)}\n`,
  };
}

function oktaStatements(context: ArtifactContext): ChecklistArtifact {
  const rows = context.playbook.claims.filter((claim) => claim.attribute !== 'NameID' && (!claim.modes || claim.modes.includes(context.mode)));
  const lines = rows.map((claim) => `${claim.attribute}\t${claim.attribute === 'image_url' ? 'URI Reference' : 'Basic'}\t${claim.source}`);
  const optional = rows.filter((claim) => !claim.required).map((claim) => claim.attribute);
  return {
    kind: 'okta-attribute-statements',
    title: `Attribute Statements (Name, Name format, Value)${optional.length > 0 ? `; ${optional.join(', ')} ${optional.length === 1 ? 'is' : 'are'} optional` : ''}`,
    language: 'text',
    filename: 'okta-attribute-statements.tsv',
    content: `Name\tName format\tValue\n${lines.join('\n')}\n`,
  };
}

function auth0Settings(context: ArtifactContext): ChecklistArtifact {
  const mappings: Record<string, string> = { email: 'email' };
  if (context.mode !== 'frontline') mappings.name = 'full_name';
  const settings = {
    audience: context.values.entityId,
    recipient: context.values.acsUrl,
    destination: context.values.acsUrl,
    binding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST',
    mappings,
    passthroughClaimsWithNoMapping: false,
    mapUnknownClaimsAsIs: true,
    mapIdentities: false,
    createUpnClaim: false,
    signResponse: true,
    signatureAlgorithm: 'rsa-sha256',
    digestAlgorithm: 'sha256',
    nameIdentifierFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
    nameIdentifierProbes: ['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress'],
  };
  return {
    kind: 'auth0-addon-settings',
    title: 'SAML2 Web App add-on Settings (JSON)',
    language: 'json',
    filename: 'auth0-saml2-settings.json',
    content: `${JSON.stringify(settings, null, 2)}\n`,
  };
}

/** Whether the Post-Login Action can be generated (it must name the Auth0 application). */
export function canBuildAuth0Action(context: Pick<ArtifactContext, 'auth0ClientId'>): boolean {
  return context.auth0ClientId !== null;
}

/** A JavaScript string literal in single quotes. */
function jsString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * The Post-Login Action's code for one Auth0 application: it runs only for that Client ID and
 * sends the mode's roles (and, for Flex, full_name, team and program). Shared with the code that
 * deploys it through Auth0's Management API.
 */
export function auth0ActionCode(input: { mode: ModeId; insightsRoles: readonly string[]; clientId: string }): string {
  const frontline = MODES[input.mode].product === 'frontline';
  const key = frontline ? 'frontline' : 'flex';
  const product = frontline ? 'Frontline' : 'Flex';
  const roles = rolesToModel(input.mode, MODES[input.mode].allowsInsightsRoles ? input.insightsRoles : []);
  const allowed = JSON.stringify(roles.concat(frontline ? [] : [...INSIGHTS_ROLES]).filter((role, i, all) => all.indexOf(role) === i));
  return `/**
 * Post-Login Action for Twilio ${product} SSO.
 * Reads app_metadata.${key} of the user and sends it as SAML attributes, only for the Auth0
 * application that serves Twilio (its Client ID below).
 * app_metadata example: { "${key}": { "roles": ["agent"]${frontline ? '' : ', "team": "Sales", "program": "Support"'} } }
 */
const TWILIO_CLIENT_ID = ${jsString(input.clientId)};
const ALLOWED_ROLES = ${allowed};

exports.onExecutePostLogin = async (event, api) => {
  if (event.client.client_id !== TWILIO_CLIENT_ID) return;
  const settings = (event.user.app_metadata && event.user.app_metadata.${key}) || {};
  const given = Array.isArray(settings.roles) ? settings.roles : String(settings.roles || '').split(',');
  const roles = given.map((role) => String(role).trim()).filter((role) => ALLOWED_ROLES.includes(role));
  if (roles.length === 0) {
    api.access.deny('No ${product} role is set for this user (app_metadata.${key}.roles).');
    return;
  }
  api.samlResponse.setAttribute('roles', roles);
  api.samlResponse.setAttribute('email', event.user.email);
${
  frontline
    ? ''
    : `  api.samlResponse.setAttribute('full_name', event.user.name || [event.user.given_name, event.user.family_name].filter(Boolean).join(' '));
  if (settings.team) api.samlResponse.setAttribute('team', String(settings.team));
  if (settings.program) api.samlResponse.setAttribute('program', String(settings.program));
`
}};
`;
}

function auth0Action(context: ArtifactContext): ChecklistArtifact {
  if (context.auth0ClientId === null) throw new Error('the Post-Login Action needs the Auth0 Client ID');
  const content = auth0ActionCode({ mode: context.mode, insightsRoles: context.insightsRoles, clientId: context.auth0ClientId });
  return { kind: 'auth0-post-login-action', title: 'Post-Login Action (JavaScript)', language: 'javascript', filename: 'auth0-post-login-action.js', content };
}

function googleMapping(context: ArtifactContext): ChecklistArtifact {
  const category = context.mode === 'frontline' ? 'Frontline' : 'Flex';
  const rows = [
    ['Basic Information > Primary email', 'email'],
    ...(context.mode === 'frontline' ? [] : [[`${category} > Full name`, 'full_name']]),
    [`${category} > Roles`, 'roles'],
  ];
  return {
    kind: 'google-attribute-mapping',
    title: 'Attribute mapping (Google Directory attribute → App attribute)',
    language: 'text',
    filename: 'google-attribute-mapping.tsv',
    content: `Google Directory attribute\tApp attribute\n${rows.map((row) => row.join('\t')).join('\n')}\n`,
  };
}

function spMetadata(context: ArtifactContext): ChecklistArtifact {
  return {
    kind: 'sp-metadata',
    title: 'SP metadata XML (built from the two values above)',
    language: 'xml',
    filename: `twilio-${context.mode}-sp-metadata.xml`,
    content: spMetadataXml(context.values),
  };
}

export function twilioConsoleFields(context: ArtifactContext, defaultRedirectUrl: string | null, trustedDomains: string[]): ChecklistArtifact {
  const names = context.playbook.fieldNames;
  const lines = [
    `X.509 Certificate          <- ${names.certificate} (the whole PEM, BEGIN/END lines included)`,
    `Identity Provider Issuer   <- ${names.issuer}`,
    `Single Sign-On URL         <- ${names.ssoUrl}`,
  ];
  if (context.mode === 'frontline') {
    lines.push(
      `Workspace ID               <- ${context.workspaceId ?? 'the Workspace ID on the same Frontline console page'}`,
      `Realm SID                  <- ${context.values.acsUrl.split('/').pop()}`,
    );
  } else {
    lines.push(
      `Default Redirect URL       <- ${defaultRedirectUrl ?? (context.playbook.idpInitiated.supported ? 'optional: your Flex login link, e.g. https://flex.twilio.com/<runtime-domain>' : 'leave empty (IdP-initiated login not supported)')}`,
    );
    lines.push(`Trusted Domains            <- ${trustedDomains.length > 0 ? trustedDomains.join(', ') : 'only if you host Flex yourself'}`);
  }
  return {
    kind: 'twilio-console-fields',
    title: 'Twilio Console fields',
    language: 'text',
    filename: 'twilio-console-fields.txt',
    content: `${lines.join('\n')}\n`,
  };
}

export function buildArtifact(kind: ArtifactKind, context: ArtifactContext): ChecklistArtifact {
  switch (kind) {
    case 'sp-metadata':
      return spMetadata(context);
    case 'azure-app-roles':
      return azureAppRoles(context);
    case 'okta-attribute-statements':
      return oktaStatements(context);
    case 'auth0-addon-settings':
      return auth0Settings(context);
    case 'auth0-post-login-action':
      return auth0Action(context);
    case 'google-attribute-mapping':
      return googleMapping(context);
    case 'twilio-console-fields':
      return twilioConsoleFields(context, null, []);
  }
}
