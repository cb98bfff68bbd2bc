import { INSIGHTS_ROLES } from '../domain/claims';
import { customDomainPlan, CustomDomainError, type CustomDomainPlan } from '../domain/custom-domain';
import { LEGACY_SSO, MIGRATION_CHOICES } from '../domain/migration';
import { DomainInputError, MODES, spValues, type ModeIds, type SpValues } from '../domain/modes';
import { spMetadataXml } from '../domain/sp-metadata';
import { getPlaybook } from '../idps';
import type { Playbook, PlaybookStep, Template } from '../idps/types';
import { buildArtifact, twilioConsoleFields, type ArtifactContext } from './artifacts';
import { CHECKLIST_SCHEMA, type Checklist, type ChecklistInput, type ChecklistSection, type ChecklistStep, type ChecklistWarning } from './types';

type Vars = Record<string, string>;

export function fillTemplate(template: Template, vars: Vars): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => vars[name] ?? whole);
}

function step(title: string, body: string[], extra: Partial<Omit<ChecklistStep, 'title' | 'body'>> = {}): ChecklistStep {
  return { title, body, values: extra.values ?? [], artifacts: extra.artifacts ?? [], tables: extra.tables ?? [], warnings: extra.warnings ?? [] };
}

function regexFor(url: string): string {
  return `^${url.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`;
}

function renderPlaybookStep(source: PlaybookStep, vars: Vars, context: ArtifactContext): ChecklistStep {
  return step(
    fillTemplate(source.title, vars),
    source.body.map((line) => fillTemplate(line, vars)),
    {
      values: (source.values ?? []).map((value) => ({ label: value.label, value: fillTemplate(value.value, vars) })),
      artifacts: (source.artifacts ?? []).map((kind) => buildArtifact(kind, context)),
      warnings: (source.warnings ?? []).map((line) => fillTemplate(line, vars)),
    },
  );
}

function claimsSection(playbook: Playbook, input: ChecklistInput): ChecklistSection {
  const rows = playbook.claims
    .filter((claim) => !claim.modes || claim.modes.includes(input.mode))
    .map((claim) => [claim.attribute, claim.source, claim.required ? 'yes' : 'no', claim.note ?? '']);
  const frontline = input.mode === 'frontline';
  const body = [
    frontline
      ? 'Frontline reads the NameID (the unique user id), email and roles.'
      : 'Flex needs four things on every login: the NameID (a unique user id), roles, full_name and email. Everything sent is written to the user\'s TaskRouter Worker attributes on each login, so the IdP stays the source of truth.',
    'Attribute names must be bare (email, not http://schemas…/emailaddress).',
  ];
  if (playbook.namespaceRule) body.push(playbook.namespaceRule);
  const steps = [step('Send these claims', body, { tables: [{ columns: ['attribute', `source in ${playbook.label}`, 'required', 'note'], rows }] })];
  if (!frontline) {
    steps.push(
      step('Optional attributes and types', [
        'Optional: image_url (avatar), and the Insights attributes department, location, manager, phone, team_id, team_name, team_name_in_hierarchy.',
        'A name can carry a type as name.type, in lowercase: string, int, boolean, stringarray, intarray, booleanarray (arrays comma-separated). Untyped names are text, except roles.',
        'A value that does not fit its type (skill.int = "a" or "1.23") makes Flex answer "400 Error invalid attribute format" and change nothing.',
        'Per TaskRouter channel: channel.<channel>.availability (boolean) and channel.<channel>.capacity (int), e.g. channel.voice.capacity = 3.',
        'contact_uri is set for you to client: plus the escaped identity; send it only to route calls to SIP (sip:someone@domain.com) or a phone number (+14151112222).',
        'To clear an attribute, send it blank: one removed from the IdP keeps its old value on the Worker.',
      ]),
    );
  }
  return { id: 'claims', title: 'Claims (SAML attributes)', steps };
}

function rolesSection(playbook: Playbook, input: ChecklistInput, vars: Vars): ChecklistSection {
  const mode = MODES[input.mode];
  const body =
    input.mode === 'frontline'
      ? ['Frontline has one role: agent. Every Frontline user needs it in the roles claim.']
      : [
          'admin: every Flex page (Flex Admin, Agent Desktop, Teams, Queue Stats, Dashboard, Analyze, Questionnaires, Dialpad if enabled).',
          'supervisor: Agent Desktop, Teams, Queue Stats, Dialpad. agent: Agent Desktop, Dialpad.',
          `Flex Insights roles go in the same roles claim with the wfo. prefix (${INSIGHTS_ROLES.join(', ')}); they work only together with supervisor or admin.`,
          'Several roles: a comma-separated list (admin,supervisor) or several values.',
        ];
  return {
    id: 'roles',
    title: 'Roles',
    steps: [
      step(`Roles ${mode.label} accepts`, body, { values: [{ label: 'roles', value: mode.roles.join(', ') }] }),
      step(`Assign roles in ${playbook.label}`, playbook.roleAssignment.map((line) => fillTemplate(line, vars))),
    ],
  };
}

function consoleSection(playbook: Playbook, input: ChecklistInput, context: ArtifactContext, domain: CustomDomainPlan | null): ChecklistSection {
  const frontline = input.mode === 'frontline';
  const where = frontline ? 'Twilio Console > Frontline > Manage > SSO / Log in' : 'Twilio Console > Flex > Users and access > Single sign-on';
  const body = [
    `Open ${where} and fill in the fields below with the values from ${playbook.label}. Importing the IdP's metadata XML, where offered, fills the three required fields at once.`,
    ...playbook.whereToFindValues.map((line) => `Where: ${line}.`),
  ];
  if (!frontline) body.push('Give the connection a Friendly Name. Tick "Login using popup" only if Flex runs inside an iframe.');
  const values = [
    { label: 'X.509 Certificate', value: `${playbook.fieldNames.certificate} (paste the whole PEM, BEGIN/END lines included)` },
    { label: 'Identity Provider Issuer', value: playbook.fieldNames.issuer },
    { label: 'Single Sign-On URL', value: playbook.fieldNames.ssoUrl },
  ];
  const warnings: string[] = [];
  if (frontline) {
    values.push({ label: 'Workspace ID', value: 'your Frontline workspace id' }, { label: 'Realm SID', value: context.values.entityId.split('/').pop() ?? '' });
  } else {
    values.push({
      label: 'Default Redirect URL (optional)',
      value: playbook.idpInitiated.supported ? (domain?.defaultRedirectUrl ?? 'https://flex.twilio.com/<runtime-domain> (your Flex login link)') : 'leave empty',
    });
    if (domain) values.push({ label: 'Trusted Domains', value: domain.trustedDomainEntries.join(', ') });
  }
  warnings.push('Each SSO login creates a Flex user and a Worker and is billed from that login; someone who logs in once through the Console and once through SSO counts as two users.');
  return {
    id: 'twilio-console',
    title: 'In the Twilio Console',
    steps: [step('Fill in the SSO settings', body, { values, artifacts: [twilioConsoleFields(context, domain?.defaultRedirectUrl ?? null, domain?.trustedDomainEntries ?? [])], warnings })],
  };
}

function customDomainSection(domain: CustomDomainPlan, input: ChecklistInput): ChecklistSection {
  const steps: ChecklistStep[] = [
    step('Trusted domain', [
      input.mode === 'flex-enhanced'
        ? 'Enhanced SSO takes trusted domains as origins (scheme and host, port if any) and no wildcards.'
        : 'Legacy trusted domains are host names; *.example.com allows one.example.com but neither example.com nor one.two.example.com.',
    ], { values: domain.trustedDomainEntries.map((entry) => ({ label: 'Trusted Domains', value: entry })) }),
    step('DNS record', ['Create this record at your DNS provider (from a third-party guide, not confirmed by Twilio: check with Twilio support).'], {
      values: [{ label: `${domain.dns.type} ${domain.dns.name}`, value: domain.dns.target }],
    }),
  ];
  if (domain.minFlexUi) steps.push(step('Flex UI version', [...domain.notes], { values: [{ label: 'Flex UI', value: `${domain.minFlexUi} or later` }] }));
  if (domain.logoutUrls) steps.push(step('Auth0 Allowed Logout URLs', ['Add both to the application\'s Allowed Logout URLs.'], { values: domain.logoutUrls.map((url) => ({ label: 'Allowed Logout URLs', value: url })) }));
  return { id: 'custom-domain', title: `Custom Flex domain ${domain.domain}`, steps };
}

function migrationSection(ids: ModeIds): ChecklistSection {
  const legacy = ids.accountSid ? spValues('flex-legacy', ids) : null;
  const enhanced = ids.connectionId ? spValues('flex-enhanced', ids) : null;
  const rows = [
    ['ACS URL', legacy?.acsUrl ?? '', enhanced?.acsUrl ?? 'https://login.flex.us1.twilio.com/login/callback?connection=JQ… (from the Console)'],
    ['Entity ID', legacy?.entityId ?? '', enhanced?.entityId ?? 'urn:flex:JQ… (from the Console)'],
  ];
  return {
    id: 'migration',
    title: 'Move to enhanced SSO',
    steps: [
      step('Legacy SSO is retired', [
        `Legacy Flex SSO (set up before ${LEGACY_SSO.legacyBefore}, or Flex UI 2.4 and earlier) must move to enhanced SSO; the current deadline is ${LEGACY_SSO.deadline} (it has moved before, check Twilio's notice).`,
        `Start in ${LEGACY_SSO.consolePath}. Enhanced SSO needs Flex UI ${LEGACY_SSO.enhancedMinFlexUi.firstSetup}+ for a first setup and ${LEGACY_SSO.enhancedMinFlexUi.migration}+ to migrate. The legacy settings stay available for ${LEGACY_SSO.legacySettingsKeptDays} days after the switch.`,
      ], { tables: [{ columns: ['value', 'legacy (now)', 'enhanced (after)'], rows }] }),
      ...MIGRATION_CHOICES.map((choice) => step(`${choice.title}${choice.recommended ? ' (recommended)' : ''}`, [choice.whatChanges, choice.risk])),
      step('Self-hosted Flex', ['A self-hosted Flex UI also needs appConfig.oauth with connection, clientId and redirectUrl after the switch.']),
    ],
  };
}

const FAILURES: readonly [string, string][] = [
  ['"This XML file does not appear to have any style information" on the first login', 'the SSO URL entered in Twilio is wrong'],
  ['attributes missing on the Worker', 'claim names carry a namespace (URI)'],
  ['status Requester / InvalidNameIDPolicy', 'NameID or claim transformation wrong at the IdP'],
  ['the response looks valid but login fails', 'the Identity Provider Issuer in Twilio differs from the response\'s Issuer'],
  ['logged in but no permissions, or a roles error', 'the roles claim is missing or empty'],
  ['"400 Error invalid attribute format"', 'a typed attribute\'s value does not fit its type'],
  ['redirect loop back to the IdP', 'the ACS URL or id is wrong at the IdP'],
  ['"Invalid SAML Response"', 'wrong (rotated or expired) certificate, wrong issuer or SSO URL, or clock skew'],
  ['logged out mid-shift', 'SessionNotOnOrAfter too short'],
];

function testSection(playbook: Playbook, input: ChecklistInput, ids: ModeIds): ChecklistSection {
  const idOption = `${MODES[input.mode].cliOption} ${ids[MODES[input.mode].idField] ?? ''}`;
  const troubleshooting = Object.entries(playbook.troubleshooting).map(([code, fix]) => [code, fix ?? '']);
  return {
    id: 'test-and-troubleshoot',
    title: 'Test and troubleshoot',
    steps: [
      step('Test the login without creating a billed user', [
        `flex-sso test-login --mode ${input.mode} ${idOption} --idp-sso-url <SSO URL> captures the IdP's answer before it reaches Twilio and checks it.`,
        'A saved SAML response can be checked with flex-sso analyze <file>.',
      ]),
      step('Common failures', [], { tables: [{ columns: ['symptom', 'cause'], rows: FAILURES.map(([a, b]) => [a, b]) }] }),
      step(`Fixes in ${playbook.label}`, [], { tables: [{ columns: ['finding', 'what to do'], rows: troubleshooting }] }),
      step('Certificate rotation', ['Signing certificates expire. When the IdP rotates one, paste the new certificate into Twilio\'s X.509 field (or import the metadata again) and test again.']),
    ],
  };
}

/** Builds the whole checklist for (mode, IdP, inputs). Throws DomainInputError for a bad id or domain. */
export function buildChecklist(input: ChecklistInput): Checklist {
  const playbook = getPlaybook(input.idp);
  const mode = MODES[input.mode];
  if (!mode) throw new DomainInputError('mode', `mode must be one of flex-enhanced, flex-legacy, frontline; "${String(input.mode)}" is not`);
  const ids: ModeIds = { connectionId: input.connectionId, accountSid: input.accountSid, realmSid: input.realmSid };
  const values: SpValues = spValues(input.mode, ids);
  const insightsRoles = (input.insightsRoles ?? []).map((role) => role.trim()).filter((role) => role !== '');
  for (const role of insightsRoles) {
    if (!(INSIGHTS_ROLES as readonly string[]).includes(role)) {
      throw new DomainInputError('insightsRoles', `"${role}" is not a Flex Insights role; expected one of ${INSIGHTS_ROLES.join(', ')}`);
    }
  }
  if (input.mode === 'frontline' && insightsRoles.length > 0) {
    throw new DomainInputError('insightsRoles', 'Frontline has no Insights roles; leave out --insights-roles');
  }
  let domain: CustomDomainPlan | null = null;
  if (input.customDomain) {
    if (input.mode === 'frontline') throw new DomainInputError('customDomain', 'a custom Flex domain applies to Flex modes only, not Frontline');
    try {
      domain = customDomainPlan(input.customDomain, input.mode, input.idp);
    } catch (error) {
      if (error instanceof CustomDomainError) throw new DomainInputError('customDomain', error.message);
      throw error;
    }
  }
  const logoutUrls = domain?.logoutUrls ?? ['https://flex.twilio.com/logout'];
  const appName = input.appName?.trim() || (input.mode === 'frontline' ? 'Twilio Frontline' : 'Twilio Flex');
  const vars: Vars = {
    acsUrl: values.acsUrl,
    entityId: values.entityId,
    acsUrlRegex: regexFor(values.acsUrl),
    modeLabel: mode.label,
    idLabel: mode.idLabel,
    id: ids[mode.idField] ?? '',
    roles: [...mode.roles, ...insightsRoles].join(', '),
    appName,
    logoutUrls: logoutUrls.join('\n'),
  };
  const context: ArtifactContext = {
    mode: input.mode,
    values,
    playbook,
    insightsRoles,
    uuid: input.uuid ?? (() => globalThis.crypto.randomUUID()),
    logoutUrls,
  };

  const warnings: ChecklistWarning[] = [];
  if (mode.retired) {
    warnings.push({ severity: 'warning', message: `Legacy Flex SSO is retired: move to enhanced SSO (deadline ${LEGACY_SSO.deadline}); see "Move to enhanced SSO".` });
  }
  if (input.mode === 'frontline') {
    warnings.push({ severity: 'info', message: 'Frontline has been closed to new customers since 9 February 2023; existing customers keep it.' });
  }
  if (!playbook.idpInitiated.supported) warnings.push({ severity: 'info', message: playbook.idpInitiated.how });

  const sections: ChecklistSection[] = [
    {
      id: 'before-you-start',
      title: 'Before you start',
      steps: [
        step('What you need', [
          `The ${mode.idLabel} (${mode.idPrefix}…), from ${mode.idSource}.`,
          `Admin access to ${playbook.label} and to the Twilio Console.`,
          'Twilio accepts only responses that are signed (response and assertion) and not encrypted.',
        ], { values: [{ label: mode.idLabel, value: vars.id! }] }),
      ],
    },
    {
      id: 'sp-values',
      title: `Twilio's values for ${playbook.label}`,
      steps: [
        step('Copy these into the IdP', [
          `${playbook.label} calls the ACS URL "${playbook.fieldNames.acsUrl}" and the Entity ID "${playbook.fieldNames.entityId}".`,
          ...(playbook.spMetadataImport ? [playbook.spMetadataImport] : []),
        ], {
          values: [
            { label: `ACS URL (${playbook.fieldNames.acsUrl})`, value: values.acsUrl },
            { label: `Entity ID (${playbook.fieldNames.entityId})`, value: values.entityId },
          ],
          artifacts: [buildArtifact('sp-metadata', context)],
        }),
      ],
    },
    {
      id: 'idp-setup',
      title: `In ${playbook.label}`,
      steps: playbook.steps.filter((source) => !source.modes || source.modes.includes(input.mode)).map((source) => renderPlaybookStep(source, vars, context)),
    },
    claimsSection(playbook, input),
    rolesSection(playbook, input, vars),
    { id: 'signing', title: 'Signing and encryption', steps: [step('Set these', [...playbook.signing])] },
    consoleSection(playbook, input, context, domain),
  ];
  if (input.mode !== 'frontline') {
    sections.push({
      id: 'idp-initiated',
      title: 'Logging in from the IdP',
      steps: [step(playbook.idpInitiated.supported ? 'IdP-initiated login' : 'IdP-initiated login is not supported', [
        playbook.idpInitiated.how,
        ...(playbook.idpInitiated.supported ? ['Fill the Default Redirect URL in Twilio with the Flex login link (https://flex.twilio.com/<runtime-domain>) or your self-hosted URL; without it, start logins at Flex.'] : []),
      ])],
    });
  }
  if (domain) sections.push(customDomainSection(domain, input));
  if (input.mode === 'flex-legacy') sections.push(migrationSection(ids));
  sections.push(testSection(playbook, input, ids));

  return {
    schema: CHECKLIST_SCHEMA,
    title: `${mode.label} single sign-on with ${playbook.label}`,
    mode: { id: input.mode, label: mode.label, retired: mode.retired },
    idp: { id: playbook.id, label: playbook.label },
    values: { acsUrl: values.acsUrl, entityId: values.entityId, spMetadataXml: spMetadataXml(values) },
    fieldNames: {
      acsUrl: playbook.fieldNames.acsUrl,
      entityId: playbook.fieldNames.entityId,
      certificate: playbook.fieldNames.certificate,
      issuer: playbook.fieldNames.issuer,
      ssoUrl: playbook.fieldNames.ssoUrl,
    },
    warnings,
    sections,
  };
}

