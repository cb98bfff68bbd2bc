/** The checklist's sections, each from the build context; model.ts puts them in order. */
import { INSIGHTS_ROLES } from '../domain/claims';
import { FLEX_TOKEN_TTL_HOURS } from '../domain/session';
import { FRONTLINE_WORKSPACE_ID } from '../domain/frontline';
import { ENHANCED_ACS_HOST, MODES, usesConsoleAcsHost } from '../domain/modes';
import type { ClaimsTableColumns, PlaybookStep } from '../idps/types';
import { troubleshootingFor } from '../idps';
import { rolesToModel } from '../domain/desired-state';
import { signingRequirement } from '../saml/signing';
import { troubleTitle } from '../findings';
import { buildArtifact, canBuildAuth0Action, twilioConsoleFields, type ArtifactContext } from './artifacts';
import { fillTemplate, type BuildContext } from './context';
import type { ChecklistSection, ChecklistStep, ChecklistTable, ChecklistValue } from './types';

export function step(title: string, body: string[], extra: Partial<Omit<ChecklistStep, 'title' | 'body'>> = {}): ChecklistStep {
  return { title, body, values: extra.values ?? [], artifacts: extra.artifacts ?? [], tables: extra.tables ?? [], warnings: extra.warnings ?? [] };
}

const FLEX_CONSOLE = 'Twilio Console > Flex > Users and access > Single sign-on';
const FRONTLINE_CONSOLE = 'Twilio Console > Frontline > Manage > SSO / Log in (the Configure single sign-on page)';

function isFrontline(context: BuildContext): boolean {
  return context.target.product === 'frontline';
}

export function beforeYouStart(context: BuildContext): ChecklistSection {
  const { target, playbook, vars, legacyValues } = context;
  const body: string[] = [];
  const values: { label: string; value: string }[] = [];
  if (legacyValues) {
    const legacyMode = MODES['flex-legacy'];
    body.push(`The ${legacyMode.idLabel} (AC…) of the legacy setup, from ${legacyMode.idSource}: its values identify the IdP app that serves logins today.`);
    values.push({ label: legacyMode.idLabel, value: context.ids.accountSid ?? '' });
  }
  if (!(legacyValues && !context.migrating))
    body.push(
      `The ${target.idLabel} (${target.idPrefix}…), from ${target.idSource}.${target.id === 'flex-enhanced' ? ' The page also shows the ACS URL and the Entity ID; either one carries the id, and the wizard reads it out of them.' : ''}`,
    );
  if (!(legacyValues && !context.migrating)) values.push({ label: target.idLabel, value: vars.id || `(from ${target.idSource})` });
  if (isFrontline(context)) {
    body.push(`The ${FRONTLINE_WORKSPACE_ID.label}, from ${FRONTLINE_WORKSPACE_ID.where}. ${FRONTLINE_WORKSPACE_ID.explanation}`);
    values.push({ label: FRONTLINE_WORKSPACE_ID.label, value: context.workspaceId ?? `(from ${FRONTLINE_WORKSPACE_ID.where})` });
  }
  body.push(`Admin access to ${playbook.label} and to the Twilio Console.`);
  if (playbook.id === 'auth0') {
    body.push('The Client ID of the Auth0 application for Twilio (Applications > Applications > the app > Settings): the Post-Login Action names it.');
    values.push({ label: 'Auth0 Client ID', value: context.auth0ClientId ?? "(from the Auth0 application's Settings tab)" });
  }
  body.push(signingRequirement(target.id, playbook.id), 'Assertions must not be encrypted: Twilio cannot decrypt them.');
  return { id: 'before-you-start', title: 'Before you start', steps: [step('What you need', body, { values })] };
}

export function spValuesSection(context: BuildContext, artifacts: ArtifactContext): ChecklistSection {
  const { playbook, values } = context;
  const warnings: string[] = [];
  if (values && usesConsoleAcsHost(values)) {
    warnings.push(
      `This account's "Set up your identity provider" page gives the ACS URL on ${new URL(values.acsUrl).hostname}, not on ${ENHANCED_ACS_HOST} as Twilio's guides show: the value is used exactly as the page gives it, everywhere in this checklist.`,
    );
  }
  return {
    id: 'sp-values',
    title: `Twilio's values for ${playbook.label}`,
    steps: [
      step(
        'Copy these into the IdP',
        [
          `${playbook.label} calls the ACS URL "${playbook.fieldNames.acsUrl}" and the Entity ID "${playbook.fieldNames.entityId}".`,
          ...(playbook.spMetadataImport ? [playbook.spMetadataImport] : []),
        ],
        {
          values: [
            { label: `ACS URL (${playbook.fieldNames.acsUrl})`, value: artifacts.values.acsUrl },
            { label: `Entity ID (${playbook.fieldNames.entityId})`, value: artifacts.values.entityId },
          ],
          artifacts: [buildArtifact('sp-metadata', artifacts)],
          warnings,
        },
      ),
    ],
  };
}

/** The claims to add, in the step that adds them, under the IdP's own field names. */
function claimsTableFor(columns: ClaimsTableColumns, context: BuildContext): ChecklistTable {
  const { playbook, target, vars } = context;
  const claims = playbook.claims.filter((claim) => (!claim.modes || claim.modes.includes(target.id)) && claim.attribute !== 'NameID');
  const withNotes = claims.some((claim) => claim.note);
  return {
    columns: [columns.name, columns.source, ...(columns.same ? [columns.same.column] : []), 'Required', ...(withNotes ? ['Note'] : [])],
    rows: claims.map((claim) => [
      claim.attribute,
      fillTemplate(claim.source, vars),
      ...(columns.same ? [columns.same.value] : []),
      claim.required ? 'yes' : 'no (optional)',
      ...(withNotes ? [fillTemplate(claim.note ?? '', vars)] : []),
    ]),
  };
}

const LEAVE_EMPTY = '(leave empty)';

function renderPlaybookStep(source: PlaybookStep, context: BuildContext, artifacts: ArtifactContext): ChecklistStep {
  const { vars } = context;
  const body = source.body.map((line) => fillTemplate(line, vars));
  const kinds = source.artifacts ?? [];
  if (kinds.includes('auth0-post-login-action') && !canBuildAuth0Action(artifacts)) {
    body.push(
      "The code appears here once the wizard has the Client ID of this Auth0 application (Settings tab, or the add-on's metadata URL, which ends with it). From the command line: flex-sso checklist … --auth0-client-id <Client ID>.",
    );
  }
  // A field to leave empty is said in words: a copy block would hand over "(leave empty)" as a value.
  const values = (source.values ?? []).map((value) => ({ label: value.label, value: fillTemplate(value.value, vars) }));
  for (const value of values) {
    const said = body.some((line) => line.includes(value.label) && /empty/i.test(line));
    if (value.value === LEAVE_EMPTY && !said) body.push(`${value.label}: leave it empty.`);
  }
  return step(fillTemplate(source.title, vars), body, {
    tables: source.claimsTable ? [claimsTableFor(source.claimsTable, context)] : [],
    values: values.filter((value) => value.value !== LEAVE_EMPTY),
    artifacts: kinds.filter((kind) => kind !== 'auth0-post-login-action' || canBuildAuth0Action(artifacts)).map((kind) => buildArtifact(kind, artifacts)),
    warnings: (source.warnings ?? []).map((line) => fillTemplate(line, vars)),
  });
}

export function idpSetupSection(context: BuildContext, artifacts: ArtifactContext): ChecklistSection {
  const { playbook, target } = context;
  const steps = playbook.steps
    .filter((source) => !source.modes || source.modes.includes(target.id))
    .map((source) => renderPlaybookStep(source, context, artifacts));
  if (context.migrating) {
    const path = context.input.migration;
    const line =
      path === 'modify-existing'
        ? `You change the existing app: only the ACS URL and the Entity ID change (step "${steps.find((item) => item.values.some((value) => value.value === artifacts.values.acsUrl))?.title ?? "Enter Twilio's values"}"); check the other steps against what the app already has.`
        : path === 'create-new-app'
          ? 'You create a new app beside the legacy one: follow every step, and give it the same users and roles as the legacy app.'
          : 'Creating a new app: follow every step. Modifying the existing app: only the ACS URL and the Entity ID change; check the other steps against what the app already has.';
    steps.unshift(step('Which of these steps you need', [line]));
  }
  return { id: 'idp-setup', title: `In ${playbook.label}`, steps };
}

export function claimsSection(context: BuildContext): ChecklistSection {
  const { playbook, target, vars } = context;
  const rows = playbook.claims
    .filter((claim) => !claim.modes || claim.modes.includes(target.id))
    .map((claim) => [claim.attribute, fillTemplate(claim.source, vars), claim.required ? 'yes' : 'no', fillTemplate(claim.note ?? '', vars)]);
  const frontline = isFrontline(context);
  const body = [
    frontline
      ? 'Frontline reads the NameID (the unique user id), email and roles.'
      : "Flex needs four things on every login: the NameID (a unique user id), roles, full_name and email. Everything sent is written to the user's TaskRouter Worker attributes on each login, so the IdP stays the source of truth.",
    'Attribute names must be bare (email, not http://schemas…/emailaddress).',
    `Send only what ${context.target.productName} uses: what the IdP sends is stored by Twilio, so local rules on keeping personal data apply.`,
  ];
  if (playbook.namespaceRule) body.push(fillTemplate(playbook.namespaceRule, vars));
  const steps = [step('Send these claims', body, { tables: [{ columns: ['attribute', `source in ${playbook.label}`, 'required', 'note'], rows }] })];
  if (!frontline) {
    steps.push(
      step('Optional attributes and types', [
        'Optional: image_url (avatar), and the Insights attributes department, location, manager, phone, team_id, team_name, team_name_in_hierarchy.',
        'A name can carry a type as name.type, in lowercase: string, int, boolean, stringarray, intarray, booleanarray (arrays comma-separated). Untyped names are text, except roles.',
        'A value that does not fit its type (skill.int = "a" or "1.23") makes Flex answer "400 Error invalid attribute format" and change nothing.',
        'Per TaskRouter channel: channel.<channel>.availability (boolean) and channel.<channel>.capacity (int), e.g. channel.voice.capacity = 3.',
        'contact_uri is set for you to client: plus the escaped identity; send it only to route calls to SIP (sip:someone@domain.com) or a phone number (+14151112222). A phone number abroad also needs its country allowed in Twilio Console > Voice > Geo Permissions.',
        'To clear an attribute, send it blank: one removed from the IdP keeps its old value on the Worker. An attribute you want to edit in TaskRouter yourself must not be sent by the IdP, or the next login overwrites it.',
      ]),
    );
  }
  return { id: 'claims', title: 'Claims (SAML attributes)', steps };
}

export function rolesSection(context: BuildContext): ChecklistSection {
  const { playbook, target, vars } = context;
  const frontline = isFrontline(context);
  const body = frontline
    ? ['Frontline has one role: agent. Every Frontline user needs it in the roles claim.']
    : [
        'admin: every Flex page (Flex Admin, Agent Desktop, Teams, Queue Stats, Dashboard, Analyze, Questionnaires, Dialpad if enabled).',
        'supervisor: Agent Desktop, Teams, Queue Stats, Dialpad. agent: Agent Desktop, Dialpad.',
        `Flex Insights roles go in the same roles claim with the wfo. prefix (${INSIGHTS_ROLES.join(', ')}); they work only together with supervisor or admin.`,
        'Several roles: a comma-separated list (admin,supervisor) or several values.',
      ];
  const assignment = frontline && playbook.frontlineRoleAssignment ? playbook.frontlineRoleAssignment : playbook.roleAssignment;
  return {
    id: 'roles',
    title: 'Roles',
    steps: [
      // The value is pasted where the IdP keeps roles (Okta's User type): a comma-separated list without spaces.
      step(`Roles ${target.label} accepts`, body, { values: [{ label: 'roles', value: rolesToModel(target.id, context.insightsRoles).join(',') }] }),
      step(
        `Assign roles in ${playbook.label}`,
        assignment.map((line) => fillTemplate(line, vars)),
      ),
    ],
  };
}

export function signingSection(context: BuildContext): ChecklistSection {
  return { id: 'signing', title: 'Signing and encryption', steps: [step('Set these', [...context.playbook.signing])] };
}

/** "Raise the …" as the rest of a sentence; an acronym ("SSO …") keeps its capitals. */
function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? `${text[0]!.toLowerCase()}${text.slice(1)}` : text;
}

/** Seed 001: SessionNotOnOrAfter is discouraged; if set, over 1 hour and over a shift. */
export function sessionsSection(context: BuildContext): ChecklistSection {
  const where = context.playbook.troubleshooting['session-too-short'];
  return {
    id: 'sessions',
    title: 'Sessions',
    steps: [
      step('Leave the session length to Flex', [
        `Twilio advises against a maximum session length set by the IdP (SessionNotOnOrAfter in the response). While Flex is open it renews its own token, which lives ${FLEX_TOKEN_TTL_HOURS} hour; once the IdP's session has ended it cannot, live calls and chats can close, and the agent must reload Flex and sign in again.`,
        `If you set one anyway, make it longer than ${FLEX_TOKEN_TTL_HOURS} hour, and better longer than an agent's shift (8 to 10 hours). Even then, someone who first opens Flex late in an IdP session they started earlier can be logged out before their shift ends.`,
        ...(where ? [`In ${context.playbook.label}, ${lowerFirst(where)}`] : []),
      ]),
    ],
  };
}

/** The three values Twilio takes from the IdP, in the Twilio Console's words. */
const IDP_CONSOLE_FIELDS = [
  { key: 'certificate', label: 'X.509 Certificate', how: ' (the whole PEM text, BEGIN and END lines included)' },
  { key: 'issuer', label: 'Identity Provider Issuer', how: '' },
  { key: 'ssoUrl', label: 'Single Sign-On URL', how: '' },
] as const;

const BILLING_WARNING =
  'Each SSO login creates a Flex user and a Worker and is billed from that login; someone who logs in once through the Console and once through SSO counts as two users.';

export function consoleSection(context: BuildContext, artifacts: ArtifactContext): ChecklistSection {
  const { playbook, domain } = context;
  const frontline = isFrontline(context);
  const body = [
    `Open ${frontline ? FRONTLINE_CONSOLE : FLEX_CONSOLE} and fill in the fields below with the values from ${playbook.label}. Importing the IdP's metadata XML, where offered, fills the three required fields at once.`,
  ];
  const fieldLines: string[] = [];
  // Where each value comes from is said in words; a copy block holds only a value to paste as it is.
  const known = context.input.idpValues ?? {};
  const values: ChecklistValue[] = [];
  for (const field of IDP_CONSOLE_FIELDS) {
    const value = known[field.key]?.trim();
    const theirName = `"${playbook.fieldNames[field.key]}"`;
    if (value) {
      fieldLines.push(`${field.label}: the ${theirName} from ${playbook.label}, as brought back (below).`);
      values.push({ label: field.label, value });
    } else {
      fieldLines.push(`${field.label}: from ${playbook.label}, copy its ${theirName}${field.how}.`);
    }
  }
  body.push(...fieldLines, ...playbook.whereToFindValues.map((line) => `Where: ${line}.`));
  if (!frontline) body.push('Give the connection a Friendly Name. Tick "Login using popup" only if Flex runs inside an iframe.');
  const warnings: string[] = [];
  if (frontline) {
    if (context.workspaceId) values.push({ label: FRONTLINE_WORKSPACE_ID.label, value: context.workspaceId });
    else body.push(`${FRONTLINE_WORKSPACE_ID.label}: the one shown on the same page.`);
    values.push({ label: 'Realm SID', value: context.vars.id });
    body.push(`${FRONTLINE_WORKSPACE_ID.label}: ${FRONTLINE_WORKSPACE_ID.explanation}`);
  } else {
    if (!playbook.idpInitiated.supported)
      body.push(`Default Redirect URL: leave it empty, because Twilio does not support IdP-initiated login into Flex from ${playbook.label}.`);
    else if (domain) values.push({ label: 'Default Redirect URL (optional)', value: domain.defaultRedirectUrl });
    else body.push('Default Redirect URL (optional): your Flex login link, https://flex.twilio.com/<runtime-domain>.');
    if (domain) values.push({ label: 'Trusted Domains', value: domain.trustedDomainEntries.join(', ') });
    warnings.push(BILLING_WARNING);
  }
  return {
    id: 'twilio-console',
    title: 'In the Twilio Console',
    steps: [
      step('Fill in the SSO settings', body, {
        values,
        artifacts: [twilioConsoleFields(artifacts, domain?.defaultRedirectUrl ?? null, domain?.trustedDomainEntries ?? [])],
        warnings,
      }),
    ],
  };
}

export function idpInitiatedSection(context: BuildContext): ChecklistSection {
  const { playbook } = context;
  return {
    id: 'idp-initiated',
    title: 'Logging in from the IdP',
    steps: [
      step(playbook.idpInitiated.supported ? 'IdP-initiated login' : 'IdP-initiated login is not supported', [
        playbook.idpInitiated.how,
        ...(playbook.idpInitiated.supported
          ? [
              'Fill the Default Redirect URL in Twilio with the Flex login link (https://flex.twilio.com/<runtime-domain>) or your self-hosted URL; without it, start logins at Flex.',
            ]
          : []),
      ]),
    ],
  };
}

/** Seed 002: several IdPs, each its own connection and app; how users pick one. */
export function severalIdpsSection(): ChecklistSection {
  return {
    id: 'several-idps',
    title: 'More than one identity provider',
    steps: [
      step('Each identity provider is a connection of its own', [
        "If some users sign in with another IdP (contractors on a second directory, for example), each IdP gets its own SSO connection in the Twilio Console, with its own connection id (JQ…), and its own app in that IdP holding that connection's ACS URL and Entity ID, claims and role assignments. Work through this checklist once per connection.",
        'Users pick their IdP by where they start: each group opens the Flex address set up for its connection (a self-hosted Flex UI whose appConfig.oauth names that connection, on its own domain or path), or starts from its own IdP with IdP-initiated login and the Default Redirect URL.',
        "Several IdPs on one Flex account come from a third-party guide; Twilio's own guides describe one. Confirm with Twilio before you rely on it.",
      ]),
    ],
  };
}

export function customDomainSection(context: BuildContext): ChecklistSection {
  const domain = context.domain!;
  const enhanced = context.target.id === 'flex-enhanced';
  const steps: ChecklistStep[] = [
    step(
      'Trusted domain',
      [
        enhanced
          ? 'Enhanced SSO takes trusted domains as origins (scheme and host, port if any) and no wildcards. Plain http:// is only for Flex running on this computer while you develop.'
          : 'Legacy trusted domains are host names; *.example.com allows one.example.com but neither example.com nor one.two.example.com.',
        ...domain.notes,
      ],
      { values: domain.trustedDomainEntries.map((entry) => ({ label: 'Trusted Domains', value: entry })) },
    ),
  ];
  if (domain.dns) {
    steps.push(
      step('DNS record', ['Create this record at your DNS provider (from a third-party guide, not confirmed by Twilio: check with Twilio support).'], {
        values: [{ label: `${domain.dns.type} ${domain.dns.name}`, value: domain.dns.target }],
      }),
    );
  } else {
    steps.push(
      step('No DNS record', [
        `${domain.host} is ${domain.loopback ? 'this computer' : 'an IP address'}: there is no DNS name to point anywhere, so skip the DNS step.`,
      ]),
    );
  }
  if (domain.minFlexUi)
    steps.push(
      step('Flex UI version', [`A self-hosted Flex UI with enhanced SSO needs version ${domain.minFlexUi} or later.`], {
        values: [{ label: 'Flex UI', value: `${domain.minFlexUi} or later` }],
      }),
    );
  if (domain.logoutUrls) {
    steps.push(
      step(
        'Auth0 Allowed Logout URLs (unverified)',
        [
          "A third-party Auth0 guide lists both addresses as Allowed Logout URLs; Twilio's guides do not mention them. Add them if logging out of Flex should return through Auth0, and check where a user lands.",
        ],
        {
          values: domain.logoutUrls.map((url) => ({ label: 'Allowed Logout URLs', value: url })),
        },
      ),
    );
  }
  return { id: 'custom-domain', title: `Custom Flex domain ${domain.origin}`, steps };
}

const FLEX_FAILURES: readonly [string, string][] = [
  ['"This XML file does not appear to have any style information" on the first login', 'the SSO URL entered in Twilio is wrong'],
  ['attributes missing on the Worker', 'claim names carry a namespace (URI)'],
  ['status Requester / InvalidNameIDPolicy', 'NameID or claim transformation wrong at the IdP'],
  ['the response looks valid but login fails', "the Identity Provider Issuer in Twilio differs from the response's Issuer"],
  ['logged in but no permissions, or a roles error', 'the roles claim is missing or empty'],
  ['"400 Error invalid attribute format"', "a typed attribute's value does not fit its type"],
  ['redirect loop back to the IdP', 'the ACS URL or id is wrong at the IdP'],
  ['"Invalid SAML Response"', 'wrong (rotated or expired) certificate, wrong issuer or SSO URL, or clock skew'],
  ['logged out mid-shift', 'SessionNotOnOrAfter too short'],
];

const FRONTLINE_FAILURES: readonly [string, string][] = [
  ['"This XML file does not appear to have any style information" on the first login', 'the SSO URL entered in Twilio is wrong'],
  ['status Requester / InvalidNameIDPolicy', 'NameID or claim transformation wrong at the IdP'],
  ['the response looks valid but login fails', "the Identity Provider Issuer in Twilio differs from the response's Issuer"],
  ['logged in but no permissions, or a roles error', 'the roles claim is missing, empty or not agent'],
  ['redirect loop back to the IdP', 'the ACS URL or Realm SID is wrong at the IdP'],
  ['"Invalid SAML Response"', 'wrong (rotated or expired) certificate, wrong issuer or SSO URL, or clock skew'],
];

/** Seeds 000, 003: the real end-to-end check they end with, optional and billed. */
function finalCheck(context: BuildContext): ChecklistStep {
  const { playbook } = context;
  if (isFrontline(context)) {
    return step('Last check: sign in to Frontline', [
      `When the test above passes, sign in to Frontline as a test user who is assigned to the app: ${playbook.label}'s sign-in page opens, then Frontline. Do this before you tell everyone.`,
    ]);
  }
  return step(
    'Last check (optional): a real login with "Login with SSO"',
    [
      `When the test above passes, open ${FLEX_CONSOLE} and choose Login with SSO, or copy the login link into a browser. Sign in at ${playbook.label} as a test user; ${playbook.label} may ask them to set a password first.`,
      "Flex opens with what the user's roles allow. Check that the full name shows in Flex, then open the Worker Flex made (TaskRouter > Workspaces > your workspace > Workers) and compare its attributes (email, roles, and any others you send) with what the test predicted. The wizard can read that Worker and compare it for you, with the account's Twilio credentials.",
    ],
    {
      warnings: [
        'This login is real: it creates a Flex user and a Worker for the test user, billed from that login. Someone who also logs in through the Console becomes a second, separately billed user, so use a test user who does not.',
      ],
    },
  );
}

export function testSection(context: BuildContext): ChecklistSection {
  const { playbook, target, vars } = context;
  const frontline = isFrontline(context);
  // Signing fixes come from the playbook's signing choices (the same text the analysis gives).
  const signing = playbook.signingOptions.instruction;
  const fixes = { ...troubleshootingFor(playbook, target.id), 'response-unsigned': signing, 'assertion-unsigned': signing };
  const idOption = `${MODES[target.id].cliOption} ${vars.id}`;
  return {
    id: 'test-and-troubleshoot',
    title: 'Test and troubleshoot',
    steps: [
      step(frontline ? 'Test the login before anyone uses it' : 'Test the login without creating a billed user', [
        `flex-sso test-login --mode ${target.id} ${idOption} --idp-sso-url <SSO URL> captures the IdP's answer before it reaches Twilio and checks it.`,
        'A saved SAML response can be checked with flex-sso analyze <file>; a browser add-on such as SAML-tracer shows the responses a browser sends, to save one.',
      ]),
      step('Common failures', [], {
        tables: [{ columns: ['symptom', 'cause'], rows: (frontline ? FRONTLINE_FAILURES : FLEX_FAILURES).map(([a, b]) => [a, b]) }],
      }),
      step(`Fixes in ${playbook.label}`, [], {
        tables: [{ columns: ['When the test finds', 'What to do'], rows: Object.entries(fixes).map(([code, fix]) => [troubleTitle(code), fix ?? '']) }],
      }),
      step('Certificate rotation', [
        "Signing certificates expire. When the IdP rotates one, paste the new certificate into Twilio's X.509 field (or import the metadata again) and test again.",
      ]),
      finalCheck(context),
    ],
  };
}
