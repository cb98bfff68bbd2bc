/**
 * Every fact the five seed documents state (../shared/seeds), and where the product states it, or
 * why it does not. tests/unit/seed-facts.test.ts checks each row three ways: the seed really says
 * it (`seedSays` fragments, when the seeds are present), the product output named in `where` says
 * `productSays` (always), and docs/seed-facts.md is this table rendered (always). A change that
 * drops a seed fact from the product fails the second check.
 *
 * `fact` and `whyNot` are the product's own words; `seedSays` are short anchors (labels, values,
 * identifiers) used only to find the fact in the seed.
 */
import type { ModeId } from '../../shared/domain/modes';
import type { IdpId } from '../../shared/idps';

export type Where =
  /** The checklist (Markdown) for a mode and IdP, as of 2026-11-30 unless `now` says otherwise. */
  | { kind: 'checklist'; mode: ModeId; idp: IdpId; customDomain?: string; now?: string }
  /** The SP values of a mode (what `flex-sso values` prints). */
  | { kind: 'values'; mode: ModeId }
  /** A product source file (the wizard's own screens, a validation rule). */
  | { kind: 'source'; file: string };

export interface SeedFact {
  fact: string;
  seedSays: readonly string[];
  where?: Where;
  productSays?: string;
  whyNot?: string;
}

export interface Seed {
  file: string;
  title: string;
  facts: readonly SeedFact[];
}

const azureFlex = { kind: 'checklist', mode: 'flex-enhanced', idp: 'azure-ad' } as const;
const azureFrontline = { kind: 'checklist', mode: 'frontline', idp: 'azure-ad' } as const;
const oktaFlex = { kind: 'checklist', mode: 'flex-enhanced', idp: 'okta' } as const;
const auth0Flex = { kind: 'checklist', mode: 'flex-enhanced', idp: 'auth0' } as const;
const genericFlex = { kind: 'checklist', mode: 'flex-enhanced', idp: 'generic' } as const;
const legacyOkta = { kind: 'checklist', mode: 'flex-legacy', idp: 'okta' } as const;
const withDomain = { kind: 'checklist', mode: 'flex-enhanced', idp: 'okta', customDomain: 'https://flex.example.com' } as const;
const auth0WithDomain = { kind: 'checklist', mode: 'flex-enhanced', idp: 'auth0', customDomain: 'https://flex.example.com' } as const;

export const SEEDS: readonly Seed[] = [
  {
    file: '000_dacc912037040601.txt',
    title: 'Configure Azure Active Directory with Flex',
    facts: [
      {
        fact: 'Flex UI 0.7.0 or later is recommended to follow the guide.',
        seedSays: ['Flex UI 0.7.0 or greater'],
        whyNot:
          "Outdated: the product states today's requirements instead (enhanced SSO needs Flex UI 2.5 or later for a first setup, 2.7 or later to migrate or to self-host).",
      },
      {
        fact: 'The app is created under Enterprise applications with New application > Create your own application.',
        seedSays: ['Enterprise Applications', 'Create your own application'],
        where: azureFlex,
        productSays: 'Enterprise applications > All applications > New application > Create your own application',
      },
      {
        fact: 'The non-gallery option is chosen, then Create.',
        seedSays: ['non-gallery option'],
        where: azureFlex,
        productSays: "Integrate any other application you don't find in the gallery (Non-gallery)",
      },
      { fact: 'Single sign-on uses SAML.', seedSays: ['pick SAML as the sign-on method'], where: azureFlex, productSays: 'open Single sign-on and pick SAML' },
      {
        fact: "Basic SAML Configuration: Reply URL (Assertion Consumer Service URL) is Twilio's ACS URL.",
        seedSays: ['Reply URL (Assertion Consumer Service URL)'],
        where: azureFlex,
        productSays: 'Reply URL (Assertion Consumer Service URL)',
      },
      {
        fact: "Basic SAML Configuration: Identifier (Entity ID) is Twilio's Entity ID, built (legacy SSO) from the Account SID.",
        seedSays: ['Identifier (Entity ID)', 'real Twilio Account SID'],
        where: { kind: 'values', mode: 'flex-legacy' },
        productSays: 'https://iam.twilio.com/v1/Accounts/AC0123456789abcdef0123456789abcdef/saml2/metadata',
      },
      {
        fact: "Microsoft's default Identifier entry is removed.",
        seedSays: ["remove Microsoft's default entry"],
        where: azureFlex,
        productSays: 'Delete any Identifier Microsoft filled in by default',
      },
      {
        fact: 'Attributes & Claims carries the claims Flex needs.',
        seedSays: ['Attributes & Claims'],
        where: azureFlex,
        productSays: 'Open Attributes & Claims > Edit.',
      },
      {
        fact: 'Signing Option: "Sign SAML response and assertion".',
        seedSays: ['Sign SAML response and assertion'],
        where: azureFlex,
        productSays: 'Signing Option: Sign SAML response and assertion',
      },
      { fact: 'Signing Algorithm: SHA-256.', seedSays: ['Leave "SHA-256" selected'], where: azureFlex, productSays: 'Signing Algorithm: SHA-256' },
      {
        fact: "Notification Email Addresses receive Azure AD's notifications (certificate expiry).",
        seedSays: ['Notification Email Addresses'],
        where: azureFlex,
        productSays: 'Notification Email Addresses',
      },
      {
        fact: "Everything the IdP sends is stored in the TaskRouter Worker's attributes; send only what Flex uses, local data rules apply.",
        seedSays: ['stored inside Twilio TaskRouter Worker Attributes', 'Consider local regulations'],
        where: azureFlex,
        productSays: 'local rules on keeping personal data apply',
      },
      {
        fact: 'The required claim (Name ID) takes user.mail; the default additional claims are removed.',
        seedSays: ['update the required claim to use user.mail', 'Remove the default additional claims'],
        where: azureFlex,
        productSays: 'Set Unique User Identifier (Name ID) to user.mail',
      },
      {
        fact: 'The other claims use a user attribute as source and no namespace.',
        seedSays: ['Do not set a namespace for any of the claims'],
        where: azureFlex,
        productSays: 'Add each claim in the table below with Add new claim: its Name, Source Attribute as shown, and the Namespace field left empty',
      },
      {
        fact: 'Each Flex role is an app role with its own GUID.',
        seedSays: ['Globally Unique Identifier (GUID)'],
        where: azureFlex,
        productSays: 'every role has its own GUID',
      },
      {
        fact: 'App roles live in App Registrations > All applications > the app > App roles.',
        seedSays: ['App Registrations > All applications'],
        where: azureFlex,
        productSays: 'App registrations > All applications > your app > App roles',
      },
      {
        fact: 'Flex needs the roles admin, supervisor and agent.',
        seedSays: ['admin', 'supervisor', 'agent'],
        where: azureFlex,
        productSays: 'admin,supervisor,agent',
      },
      {
        fact: 'Each app role: "+Create app role", allowed member type Users/Groups, enabled.',
        seedSays: ['+Create app role', '"Users/Groups" as your allowed member type'],
        where: azureFlex,
        productSays: 'Allowed member types: Users/Groups',
      },
      {
        fact: 'Each Insights role needs its own app role.',
        seedSays: ['separate entries for each Insights role'],
        where: azureFlex,
        productSays: 'Add one app role for each Flex Insights role you plan to give',
      },
      {
        fact: 'Console: X.509 Certificate ← Certificate (Base64).',
        seedSays: ['X.509 Certificate', 'Certificate (Base64)'],
        where: azureFlex,
        productSays: 'X.509 Certificate: from Microsoft Entra ID (Azure AD), copy its "Certificate (Base64)"',
      },
      {
        fact: 'Console: Identity Provider Issuer ← Azure AD Identifier.',
        seedSays: ['Identity Provider Issuer', 'Azure AD Identifier'],
        where: azureFlex,
        productSays: 'Microsoft Entra Identifier (older tenants: Azure AD Identifier)',
      },
      {
        fact: 'Console: Single Sign-on URL ← Login URL.',
        seedSays: ['Single Sign-on URL', 'Login URL'],
        where: azureFlex,
        productSays: 'Single Sign-On URL         <- Login URL',
      },
      {
        fact: 'Users are assigned to the app under Users and Groups.',
        seedSays: ['select Users and Groups from the left nav'],
        where: azureFlex,
        productSays: 'Users and groups > Add user/group',
      },
      {
        fact: 'Each assignment carries a single role.',
        seedSays: ['you can assign a single role'],
        where: azureFlex,
        productSays: 'Each assignment carries exactly one role',
      },
      {
        fact: 'Insights roles are given as individual assignments of their own.',
        seedSays: ['add each role you created previously'],
        where: azureFlex,
        productSays: 'a supervisor who also has the Insights role wfo.full_access is added twice',
      },
      {
        fact: 'IdP-initiated login, self-hosted domains and identity attributes are covered by the general SSO page.',
        seedSays: ['how to initiate login from your Identity Provider'],
        where: azureFlex,
        productSays: 'Logging in from the IdP',
      },
      {
        fact: 'Test: "Login with SSO" on the Console\'s Single sign-on page, or its login link in a browser.',
        seedSays: ['"Login with SSO"', 'copy the login link'],
        where: azureFlex,
        productSays: 'choose Login with SSO, or copy the login link into a browser',
      },
      {
        fact: 'The test user may be asked to set a password.',
        seedSays: ['you may be requested to set your password'],
        where: azureFlex,
        productSays: 'may ask them to set a password first',
      },
      {
        fact: "After login the Flex UI shows what the user's roles allow.",
        seedSays: ['depends on the Flex role(s)'],
        where: azureFlex,
        productSays: "Flex opens with what the user's roles allow",
      },
      {
        fact: 'Check the full name in Flex, or the Worker in the TaskRouter dashboard (email, roles).',
        seedSays: ['worker full name display', 'TaskRouter Dashboard'],
        where: azureFlex,
        productSays: 'Check that the full name shows in Flex, then open the Worker Flex made',
      },
      {
        fact: 'The SAML-tracer browser extension helps troubleshooting.',
        seedSays: ['SAML Tracer Chrome Extension'],
        where: azureFlex,
        productSays: 'a browser add-on such as SAML-tracer',
      },
      {
        fact: 'Attributes missing on the Worker mean a namespace on the claims.',
        seedSays: ['Attributes are not mapped to the TaskRouter Worker'],
        where: azureFlex,
        productSays: '| attributes missing on the Worker | claim names carry a namespace (URI) |',
      },
      {
        fact: 'Custom Azure AD attributes can be passed as claims (another guide).',
        seedSays: ['Pass Custom Azure AD Attributes'],
        where: azureFlex,
        productSays: 'A name can carry a type as name.type',
      },
    ],
  },
  {
    file: '001_f534787aa16acc7a.txt',
    title: 'Flex single sign-on: configuration and FAQ',
    facts: [
      {
        fact: 'Any SAML 2.0 identity provider works.',
        seedSays: ['any Identity Provider that supports SAML 2.0'],
        where: genericFlex,
        productSays: 'Another SAML 2.0 identity provider',
      },
      {
        fact: 'An account uses enhanced or legacy SSO depending on when it was created.',
        seedSays: ['either enhanced or legacy SSO configuration'],
        where: legacyOkta,
        productSays: 'set up before 29 January 2024, or on Flex UI 2.4 or earlier',
      },
      {
        fact: 'Legacy SSO had to move to enhanced SSO before June 2025.',
        seedSays: ['prior to June 2025'],
        where: legacyOkta,
        productSays: 'earlier ones were 31 December 2024 and 30 June 2025',
      },
      {
        fact: "The Console's Single sign-on page tells enhanced from legacy (screenshots).",
        seedSays: ['compare your Single sign-on page'],
        whyNot:
          'Screenshots only; the product asks which kind in its product step and names the difference (set up before 29 January 2024, or Flex UI 2.4 or earlier).',
      },
      {
        fact: 'Four claims are mandatory: a unique user id (usually sent without setup), roles, full name and email.',
        seedSays: ['Four of these are mandatory'],
        where: oktaFlex,
        productSays: 'Flex needs four things on every login: the NameID (a unique user id), roles, full_name and email',
      },
      {
        fact: 'admin: every page (Flex Admin, Agent Desktop, Teams, Queue Stats, Dashboard, Analyze, Questionnaires, Dialpad if enabled).',
        seedSays: ['Grants access to all of the pages in the UI'],
        where: oktaFlex,
        productSays: 'admin: every Flex page (Flex Admin, Agent Desktop, Teams, Queue Stats, Dashboard, Analyze, Questionnaires, Dialpad if enabled)',
      },
      {
        fact: 'supervisor: Agent Desktop, Teams, Queue Stats, Dialpad; agent: Agent Desktop, Dialpad.',
        seedSays: ['Grants access to Agent Desktop, Teams, Queue Stats and Dialpad'],
        where: oktaFlex,
        productSays: 'supervisor: Agent Desktop, Teams, Queue Stats, Dialpad. agent: Agent Desktop, Dialpad.',
      },
      {
        fact: 'What the IdP sends is stored in the Worker attributes and updated on every login.',
        seedSays: ['updated on every successful SSO login'],
        where: oktaFlex,
        productSays: "written to the user's TaskRouter Worker attributes on each login",
      },
      {
        fact: 'Attributes are strings unless typed; roles is a comma-separated stringarray.',
        seedSays: ['which defaults to stringarray'],
        where: oktaFlex,
        productSays: 'Untyped names are text, except roles',
      },
      {
        fact: 'A type is written name.[type], lowercase: string, int, boolean, stringarray, intarray, booleanarray.',
        seedSays: ['name.[type]', 'booleanarray'],
        where: oktaFlex,
        productSays: 'in lowercase: string, int, boolean, stringarray, intarray, booleanarray',
      },
      {
        fact: 'A value that does not fit its type gives "400 Error invalid attribute format" and changes nothing.',
        seedSays: ['400 Error invalid attribute format'],
        where: oktaFlex,
        productSays: 'makes Flex answer "400 Error invalid attribute format" and change nothing',
      },
      {
        fact: 'contact_uri is set automatically (client: plus the identity, escaped to letters, digits and underscore).',
        seedSays: ['contact_uri is automatically configured by Flex'],
        where: oktaFlex,
        productSays: 'contact_uri is set for you to client: plus the escaped identity',
      },
      {
        fact: 'contact_uri set in the IdP can dequeue to SIP or an E.164 phone number.',
        seedSays: ['sip:someone@somedomain.com', 'E.164 format'],
        where: oktaFlex,
        productSays: 'send it only to route calls to SIP (sip:someone@domain.com) or a phone number (+14151112222)',
      },
      {
        fact: 'A number abroad needs its country enabled in Voice Geo Permissions.',
        seedSays: ['Geo Permissions'],
        where: oktaFlex,
        productSays: 'Twilio Console > Voice > Geo Permissions',
      },
      {
        fact: 'Optional attributes: image_url; Insights: department, location, manager, phone, team_id, team_name, team_name_in_hierarchy; wfo. roles.',
        seedSays: ['image_url', 'team_name_in_hierarchy'],
        where: oktaFlex,
        productSays:
          'Optional: image_url (avatar), and the Insights attributes department, location, manager, phone, team_id, team_name, team_name_in_hierarchy.',
      },
      {
        fact: 'TaskRouter capacity per channel: channel.<channel>.availability and channel.<channel>.capacity.',
        seedSays: ['channel.voice.availability', 'channel.chat.capacity'],
        where: oktaFlex,
        productSays: 'channel.<channel>.availability (boolean) and channel.<channel>.capacity (int)',
      },
      {
        fact: 'Each SSO login makes the user a Flex user, billed from that login.',
        seedSays: ['you will incur charges as soon as they log in'],
        where: oktaFlex,
        productSays: 'Each SSO login creates a Flex user and a Worker and is billed from that login',
      },
      {
        fact: 'Flex provisions a TaskRouter Worker for each identity.',
        seedSays: ['auto-provision a TaskRouter Worker'],
        where: oktaFlex,
        productSays: 'creates a Flex user and a Worker',
      },
      {
        fact: 'The IdP is the source of truth; an attribute edited in TaskRouter must not be sent by the IdP.',
        seedSays: ['do not configure it in the Identity Provider claims'],
        where: oktaFlex,
        productSays: 'An attribute you want to edit in TaskRouter yourself must not be sent by the IdP',
      },
      {
        fact: 'IdP-initiated login works, except with Google Workspace; the optional Default Redirect URL routes it into Flex.',
        seedSays: ['with the exception of Google Workspace', 'Default Redirect URL'],
        where: oktaFlex,
        productSays: 'Fill the Default Redirect URL in Twilio with the Flex login link',
      },
      {
        fact: 'The Default Redirect URL is the flex.twilio.com login link (e.g. https://flex.twilio.com/dancing-owl-1234) or the self-hosted URL.',
        seedSays: ['https://flex.twilio.com/dancing-owl-1234'],
        where: oktaFlex,
        productSays: 'https://flex.twilio.com/<runtime-domain>',
      },
      {
        fact: 'Google Workspace does not support IdP-initiated login into Flex.',
        seedSays: ['exception of Google Workspace single sign-on'],
        where: { kind: 'checklist', mode: 'flex-enhanced', idp: 'google' },
        productSays: 'IdP-initiated login is not supported',
      },
      { fact: 'Self-hosted domains must be registered as Trusted Domains.', seedSays: ['Trusted Domains'], where: withDomain, productSays: 'Trusted Domains' },
      {
        fact: 'Trusted domain patterns: example.com, flex.example.com, *.example.com (one level), 127.0.0.1 or ::1, localhost.',
        seedSays: ['allows one.example.com or two.example.com'],
        where: { kind: 'checklist', mode: 'flex-legacy', idp: 'okta', customDomain: 'flex.example.com', now: '2026-03-30' },
        productSays: '*.example.com allows one.example.com but neither example.com nor one.two.example.com',
      },
      {
        fact: 'The * may only stand for the leftmost label (not example.*.com, example*.com).',
        seedSays: ['example*.com'],
        where: { kind: 'source', file: 'shared/domain/trusted-domains.ts' },
        productSays: '* may only stand for the whole leftmost label',
      },
      {
        fact: 'Enhanced SSO with a custom domain needs Flex UI 2.7.x or later.',
        seedSays: ['Flex UI 2.7.x or later'],
        where: withDomain,
        productSays: '2.7.x or later',
      },
      {
        fact: 'Logging in through the Console and through SSO makes two billed users.',
        seedSays: ['two separate profiles that will each be billed'],
        where: oktaFlex,
        productSays: 'someone who logs in once through the Console and once through SSO counts as two users',
      },
      {
        fact: 'Console users (not Billing-only) reach Flex as Flex Administrator; support users as Read-only Administrator; advised for admins during development.',
        seedSays: ['Read-only Administrator'],
        whyNot: 'About logging in through the Console, not about setting SSO up; the product only warns that the two logins are billed separately.',
      },
      {
        fact: 'The same email through two login methods makes two Flex personas.',
        seedSays: ['two Flex personas'],
        where: oktaFlex,
        productSays: 'counts as two users',
      },
      {
        fact: '"Login with Twilio" has two forms: flex.twilio.com only, or a self-hosted or local (localhost) address.',
        seedSays: ["'Login with Twilio'"],
        whyNot: 'Console (non-SSO) login; outside SSO setup. The Trusted Domains rule that also covers it is stated.',
      },
      {
        fact: 'Without the destination in Trusted Domains, neither SSO nor "Login with Twilio" works there.',
        seedSays: ['both SSO login and the'],
        where: withDomain,
        productSays: 'Trusted domain',
      },
      {
        fact: 'The login view is skipped when the app configuration has an sso attribute or the login link is used.',
        seedSays: ['The login view only loads'],
        whyNot: 'Flex UI configuration with no SSO setup step; nothing for the admin to enter.',
      },
      {
        fact: 'After logging out, users land on the Flex login view (afterLogout cannot redirect).',
        seedSays: ['afterLogout'],
        whyNot: 'Flex UI behaviour with no setup step.',
      },
      {
        fact: 'SessionNotOnOrAfter is not recommended: Flex renews its token while the UI runs, and an ended IdP session closes live work.',
        seedSays: ['We do not recommend using this attribute'],
        where: oktaFlex,
        productSays: 'Twilio advises against a maximum session length set by the IdP (SessionNotOnOrAfter in the response)',
      },
      {
        fact: "If used, SessionNotOnOrAfter must be over 1 hour (the Flex token's TTL) and should exceed a shift (8–10 h).",
        seedSays: ['greater than 1 hour', '8-10 hours'],
        where: oktaFlex,
        productSays: "make it longer than 1 hour, and better longer than an agent's shift (8 to 10 hours)",
      },
      {
        fact: 'Even a long session can end early for someone who opens Flex late in it.',
        seedSays: ['mid-way through their active authenticated session'],
        where: oktaFlex,
        productSays: 'someone who first opens Flex late in an IdP session they started earlier can be logged out before their shift ends',
      },
      { fact: 'The SAML-tracer extension shows SAML responses.', seedSays: ['SAML Tracer Chrome Extension'], where: oktaFlex, productSays: 'SAML-tracer' },
      {
        fact: '"This XML file does not appear to have any style information…" on the first login means a wrong SSO URL in Flex.',
        seedSays: ['This XML file does not appear to have any style information'],
        where: oktaFlex,
        productSays: '"This XML file does not appear to have any style information" on the first login | the SSO URL entered in Twilio is wrong',
      },
      {
        fact: 'A namespaced attribute name (a URL schema) is not mapped to the Worker; bare names are.',
        seedSays: ['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/email'],
        where: oktaFlex,
        productSays: 'Attribute names must be bare (email, not http://schemas…/emailaddress)',
      },
      {
        fact: 'Several roles can arrive as several AttributeValues (wfo.full_access and admin).',
        seedSays: ['<AttributeValue>wfo.full_access</AttributeValue>'],
        where: oktaFlex,
        productSays: 'Several roles: a comma-separated list (admin,supervisor) or several values.',
      },
      {
        fact: 'Status Requester / InvalidNameIDPolicy means a wrong claim transformation.',
        seedSays: ['InvalidNameIDPolicy'],
        where: oktaFlex,
        productSays: 'status Requester / InvalidNameIDPolicy | NameID or claim transformation wrong at the IdP',
      },
      {
        fact: 'A valid-looking response that fails: check the Identity Provider Issuer field.',
        seedSays: ['check that the Identity Provider Issuer field'],
        where: oktaFlex,
        productSays: "the Identity Provider Issuer in Twilio differs from the response's Issuer",
      },
      {
        fact: 'A roles error means roles are not passed in the claims.',
        seedSays: ['roles not being passed to the claims'],
        where: oktaFlex,
        productSays: 'the roles claim is missing or empty',
      },
    ],
  },
  {
    file: '002_4d5c7953207e2d22.txt',
    title: 'Twilio Flex SSO configuration with Auth0 (third-party guide)',
    facts: [
      {
        fact: "Auth0's SAML metadata URL is https://YOUR_TENANT.auth0.com/samlp/metadata/YOUR_CLIENT_ID.",
        seedSays: ['samlp/metadata/YOUR_CLIENT_ID'],
        where: auth0Flex,
        productSays: 'https://<tenant>.auth0.com/samlp/metadata/',
      },
      {
        fact: 'A Post-Login Action is deployed in Auth0.',
        seedSays: ['Post-Login Action deployed'],
        where: auth0Flex,
        productSays: 'Add the Post-Login Action',
      },
      { fact: 'A test user is needed.', seedSays: ['Test user created'], where: auth0Flex, productSays: 'as a test user' },
      { fact: 'The Flex instance SID starts with FO.', seedSays: ['Flex instance SID (starts with'], where: auth0Flex, productSays: 'Flex instance SID, FO…' },
      {
        fact: 'The Account SID and Auth Token are at hand.',
        seedSays: ['Account SID and Auth Token'],
        where: { kind: 'source', file: 'renderer/src/steps/TwilioAccess.tsx' },
        productSays: 'the Auth Token',
      },
      {
        fact: 'An admin role in the Twilio Console.',
        seedSays: ['Admin role in Twilio Console'],
        where: auth0Flex,
        productSays: 'Admin access to Auth0 and to the Twilio Console.',
      },
      {
        fact: 'A vanity domain, with DNS if it is a custom one.',
        seedSays: ['DNS configured (if using custom domain)'],
        where: auth0WithDomain,
        productSays: 'DNS record',
      },
      {
        fact: 'The Console is reached at console.twilio.com, Flex > Admin > Single Sign-On.',
        seedSays: ['Flex → Admin → Single Sign-On'],
        whyNot: "Third-party path that differs from Twilio's own guides; the product gives Twilio's: Console > Flex > Users and access > Single sign-on.",
      },
      {
        fact: 'An "Enable Single Sign-On" toggle reveals the fields.',
        seedSays: ['Enable Single Sign-On'],
        whyNot: "Unverified third-party step that Twilio's own guides do not have.",
      },
      {
        fact: '"Add Identity Provider" with protocol SAML 2.0.',
        seedSays: ['Add Identity Provider'],
        whyNot: "Unverified third-party step; Twilio's guides fill the SSO fields directly.",
      },
      {
        fact: "The Entity ID comes from Auth0's metadata (the guide's example is urn:auth0:…).",
        seedSays: ['urn:auth0:YOUR_TENANT:YOUR_CLIENT'],
        where: auth0Flex,
        productSays:
          "Copy the Issuer exactly as the metadata gives it (its entityID); never type it from a pattern. It is normally urn: followed by the tenant's domain",
      },
      {
        fact: "The SSO URL comes from Auth0's metadata.",
        seedSays: ['SSO URL | From Auth0 SAML metadata'],
        where: auth0Flex,
        productSays: 'Identity Provider Login URL',
      },
      {
        fact: 'Metadata by URL fills Entity ID and SSO URL at once.',
        seedSays: ['auto-populate Entity ID and SSO URL'],
        where: auth0Flex,
        productSays: "Importing the IdP's metadata XML, where offered, fills the three required fields at once",
      },
      {
        fact: "Or by hand: the metadata XML's Entity ID, SSO URL and certificate.",
        seedSays: ['Download Auth0 SAML metadata XML'],
        where: auth0Flex,
        productSays: 'Identity Provider Metadata',
      },
      {
        fact: 'Attributes: email, full_name, roles required; team and program optional.',
        seedSays: ['team | team', 'program | program'],
        where: auth0Flex,
        productSays: '| team | app_metadata.flex.team (Post-Login Action) | no |',
      },
      {
        fact: 'An "Attribute Mapping" section in Flex\'s SSO settings maps SAML attributes to Flex.',
        seedSays: ['scroll to "Attribute Mapping" section'],
        whyNot: "Not in Twilio's Console: Flex reads the bare attribute names directly (the facts, section 3), so there is nothing to map there.",
      },
      {
        fact: 'A vanity URL is set under Flex Admin > Single Sign-On > Vanity URL.',
        seedSays: ['Vanity URL'],
        whyNot: "No such field in Twilio's guides; the product treats the domain as a self-hosted Flex UI: Trusted Domains (and its DNS record, hedged).",
      },
      {
        fact: 'A custom domain gets a CNAME to flex.twilio.com.',
        seedSays: ['flex.organization.org → flex.twilio.com'],
        where: withDomain,
        productSays: 'CNAME flex.example.com',
      },
      {
        fact: 'An A record needs Twilio support for IP addresses.',
        seedSays: ['Contact Twilio support for IP addresses'],
        where: withDomain,
        productSays: 'check with Twilio support',
      },
      {
        fact: 'Allowed Callback URLs https://iam.twilio.com/v2/saml2/authenticate/<FO…> and …/callback.',
        seedSays: ['/v2/saml2/authenticate/[YOUR_FLEX_INSTANCE_SID]/callback'],
        where: auth0Flex,
        productSays: 'Twilio does not confirm them',
      },
      {
        fact: 'Allowed Logout URLs https://flex.twilio.com/logout and https://<vanity domain>/logout.',
        seedSays: ['https://flex.twilio.com/logout'],
        where: auth0WithDomain,
        productSays: 'Allowed Logout URLs (unverified)',
      },
      {
        fact: 'Test through the vanity domain, or flex.twilio.com "Sign in with SSO" and the vanity domain.',
        seedSays: ['Sign in with SSO'],
        whyNot: 'Third-party flow; the product gives Twilio\'s own test, "Login with SSO" on the Console\'s Single sign-on page.',
      },
      {
        fact: "Verify: Flex loads, the user's name shows, role features are there, Team View shows the team.",
        seedSays: ["User's name appears in top right"],
        where: auth0Flex,
        productSays: 'Check that the full name shows in Flex',
      },
      {
        fact: 'Several identity providers for different user groups, each with a separate domain or login path and its own mappings.',
        seedSays: ['Multiple Identity Providers'],
        where: auth0Flex,
        productSays: 'each IdP gets its own SSO connection in the Twilio Console',
      },
      {
        fact: 'Flex creates Workers on first login (just-in-time).',
        seedSays: ['creates worker records automatically on first login'],
        where: auth0Flex,
        productSays: 'creates a Flex user and a Worker',
      },
      {
        fact: 'The Worker gets email as its contact URI and the full name as friendly name.',
        seedSays: ['Email → Worker contact URI'],
        whyNot: "Contradicts Twilio's own guide (seed 001): contact_uri is set from the identity (client:…), which the product states.",
      },
      {
        fact: 'Workers can be checked under TaskRouter > Workers.',
        seedSays: ['TaskRouter → Workers'],
        where: auth0Flex,
        productSays: 'TaskRouter > Workspaces > your workspace > Workers',
      },
      {
        fact: 'A redirect loop means wrong Allowed Callback URLs or Flex instance SID.',
        seedSays: ['Redirect Loop After Login'],
        where: auth0Flex,
        productSays: 'redirect loop back to the IdP',
      },
      {
        fact: '"Invalid SAML Response": wrong metadata URL, expired certificate, or clock skew.',
        seedSays: ['"Invalid SAML Response" Error'],
        where: auth0Flex,
        productSays: 'wrong (rotated or expired) certificate, wrong issuer or SSO URL, or clock skew',
      },
      {
        fact: 'No roles: check app_metadata.flex.roles and that the Action is deployed; users log in again after changes.',
        seedSays: ['app_metadata.flex.roles'],
        where: auth0Flex,
        productSays: "Roles live in each user's app_metadata.flex.roles",
      },
      {
        fact: 'Team visibility needs the team attribute from the Action.',
        seedSays: ['Team Visibility Not Working'],
        where: auth0Flex,
        productSays: 'if (settings.team) api.samlResponse.setAttribute',
      },
      {
        fact: "Twilio's Monitor > Logs > Errors with entries such as SAML_VALIDATION_FAILED.",
        seedSays: ['SAML_VALIDATION_FAILED'],
        whyNot: "Unverified third-party error names; the product's own test login names the failing setting instead.",
      },
      {
        fact: 'Auth0 Dashboard > Monitoring > Logs shows each login.',
        seedSays: ['Auth0 Dashboard → Monitoring → Logs'],
        where: auth0Flex,
        productSays: 'Open Monitoring > Logs in the Auth0 Dashboard',
      },
      {
        fact: 'SAML certificates expire; after a rotation update Flex and test again.',
        seedSays: ['SAML certificates expire'],
        where: auth0Flex,
        productSays: 'Signing certificates expire.',
      },
      {
        fact: 'Session timeouts set in Flex Admin > Settings, 8–12 hours for agents.',
        seedSays: ['Recommended: 8-12 hours for agents'],
        whyNot: "Unverified third-party setting; the product follows Twilio's guidance on sessions (seed 001).",
      },
      {
        fact: 'MFA is configured in Auth0 (Security > Multi-factor Auth), not in Flex.',
        seedSays: ['Configure in Auth0, not Flex'],
        where: auth0Flex,
        productSays: 'Multi-factor authentication, if you want it, is configured in Auth0 (Security > Multi-factor Auth)',
      },
      {
        fact: 'Test with a test user before production accounts.',
        seedSays: ['Always test SSO with a test user first'],
        where: auth0Flex,
        productSays: 'use a test user who does not',
      },
    ],
  },
  {
    file: '003_feabd4937d397849.txt',
    title: 'Configure Okta IdP with Flex',
    facts: [
      {
        fact: 'A new Okta account should be a Workforce Identity Cloud one.',
        seedSays: ["Okta's Workforce Identity Cloud"],
        where: oktaFlex,
        productSays: 'Workforce Identity Cloud',
      },
      {
        fact: 'To continue later: Applications > Applications, then the app.',
        seedSays: ['navigating back to Applications > Applications'],
        where: oktaFlex,
        productSays: 'To finish another day, open Applications > Applications and select the app.',
      },
      {
        fact: 'A SAML 2.0 app integration is created.',
        seedSays: ['create a SAML app integration'],
        where: oktaFlex,
        productSays: 'Create App Integration, pick SAML 2.0',
      },
      { fact: 'Show Advanced Settings reveals every field.', seedSays: ['Show Advanced Settings'], where: oktaFlex, productSays: 'Show Advanced Settings' },
      {
        fact: 'Single sign on URL: enhanced, copied from "Set up your identity provider" (value per account, like https://login.flex.us1.twilio.com/login/callback?connection=JQxxxx); legacy, with the Account SID.',
        seedSays: ['Set up your identity provider page', 'login.flex.us1.twilio.com/login/callback?connection=JQxxxx'],
        where: oktaFlex,
        productSays: 'page "Set up your identity provider". The page also shows the ACS URL and the Entity ID',
      },
      {
        fact: 'Audience URI (SP Entity ID): enhanced urn:flex:JQxxxx; legacy …/saml2/metadata with the Account SID.',
        seedSays: ['Audience URI (SP Entity ID)', 'urn:flex:JQxxxx'],
        where: oktaFlex,
        productSays: 'Audience URI (SP Entity ID)',
      },
      { fact: 'Default RelayState: blank.', seedSays: ['Default RelayState | Leave blank'], where: oktaFlex, productSays: 'Leave Default RelayState empty' },
      { fact: 'Name ID format: Unspecified.', seedSays: ['Leave Unspecified selected'], where: oktaFlex, productSays: 'Name ID format: Unspecified' },
      {
        fact: 'Application username: email, Okta username or another unique name.',
        seedSays: ['email, Okta username, or another unique name'],
        where: oktaFlex,
        productSays: 'Application username: Email (or the Okta username, or another name unique to each person)',
      },
      {
        fact: 'Response: Signed.',
        seedSays: ['Response | Click Show Advanced Settings and make sure Signed is selected'],
        where: oktaFlex,
        productSays: 'Response: Signed',
      },
      {
        fact: 'Assertion Signature: Signed.',
        seedSays: ['Assertion Signature | Click Show Advanced Settings'],
        where: oktaFlex,
        productSays: 'Assertion Signature: Signed',
      },
      {
        fact: 'Signature Algorithm and Digest Algorithm: the defaults.',
        seedSays: ['Signature Algorithm, Digest Algorithm | Leave the default selections'],
        where: oktaFlex,
        productSays: 'Signature Algorithm',
      },
      {
        fact: 'Assertion Encryption: Unencrypted (Twilio does not support encryption).',
        seedSays: ["Twilio doesn't currently support encryption"],
        where: oktaFlex,
        productSays: 'Assertion Encryption: Unencrypted',
      },
      {
        fact: 'Assertion Inline Hook, Authentication context class, Honor Force Authentication, SAML Issuer ID: the defaults.',
        seedSays: ['Honor Force Authentication'],
        where: oktaFlex,
        productSays: 'Leave Assertion Inline Hook, Authentication context class, Honor Force Authentication and SAML Issuer ID as Okta sets them',
      },
      {
        fact: 'What the IdP sends is stored in the Worker attributes; data rules apply.',
        seedSays: ['Consider local regulations'],
        where: oktaFlex,
        productSays: 'local rules on keeping personal data apply',
      },
      {
        fact: 'Attribute Statements: full_name (Basic) = String.join(" ", user.firstName, user.lastName) or ${user.firstName} ${user.lastName}.',
        seedSays: ['String.join(" ", user.firstName, user.lastName)'],
        where: oktaFlex,
        productSays: 'full_name\tBasic\tString.join(" ", user.firstName, user.lastName)',
      },
      {
        fact: 'roles (Basic) = user.userType; email (Basic) = user.email.',
        seedSays: ['user.userType', 'user.email'],
        where: oktaFlex,
        productSays: 'roles\tBasic\tuser.userType',
      },
      {
        fact: 'The Okta attribute used for roles must be filled for each user.',
        seedSays: ['Make sure the Okta user attribute you are using for the Flex roles is also populated'],
        where: oktaFlex,
        productSays: "put the roles in each user's User type",
      },
      {
        fact: 'Optional: image_url (URI Reference) = user.profileUrl, the avatar.',
        seedSays: ['user.profileUrl'],
        where: oktaFlex,
        productSays: 'image_url\tURI Reference\tuser.profileUrl',
      },
      { fact: 'Preview the SAML assertion to check.', seedSays: ['Preview the SAML assertion'], where: oktaFlex, productSays: 'Preview the SAML Assertion' },
      {
        fact: "Okta's signing certificate details give the values for Flex.",
        seedSays: ['managing signing certificates'],
        where: oktaFlex,
        productSays: 'View SAML setup instructions',
      },
      {
        fact: 'Console: Flex > Users and access > Single sign-on (SSO).',
        seedSays: ['Flex > Users and access > Single sign-on (SSO)'],
        where: oktaFlex,
        productSays: 'Twilio Console > Flex > Users and access > Single sign-on',
      },
      {
        fact: 'Console: X.509 Certificate, Single Sign-on URL ← Identity Provider Single Sign-On URL, Identity Provider Issuer ← Identity Provider Issuer.',
        seedSays: ['Identity Provider Single Sign-On URL'],
        where: oktaFlex,
        productSays: 'Single Sign-On URL         <- Identity Provider Single Sign-On URL',
      },
      {
        fact: 'Users are added by hand, imported from an app or from a CSV file.',
        seedSays: ['import users from a CSV file'],
        whyNot: 'General Okta user management, outside the app; the product covers assigning users to the app.',
      },
      {
        fact: "Roles go in the user's User type (Directory > People > the user > Profile), comma-separated: agent, admin, supervisor.",
        seedSays: ['Directory > People', 'User type'],
        where: oktaFlex,
        productSays: 'Directory > People > profile',
      },
      {
        fact: 'Insights (WFO) roles: see Flex Insights User Roles.',
        seedSays: ['Flex Insights User Roles'],
        where: oktaFlex,
        productSays: 'Flex Insights roles go in the same roles claim with the wfo. prefix',
      },
      { fact: 'Users are assigned to the app integration.', seedSays: ['assign app integrations'], where: oktaFlex, productSays: 'Assignments tab > Assign' },
      {
        fact: '"Sorry, you can\'t access Twilio Flex because you are not assigned this app in Okta" means the user is not assigned.',
        seedSays: ['not assigned this app in Okta'],
        where: oktaFlex,
        productSays: 'Anyone not assigned gets Okta\'s "not assigned this app" page',
      },
      {
        fact: "Test: Login with SSO on the Console's SSO page, or the login link.",
        seedSays: ['Click Login with SSO'],
        where: oktaFlex,
        productSays: 'choose Login with SSO',
      },
      {
        fact: 'The IdP may ask the test user to set a password; Flex then shows what the roles allow.',
        seedSays: ['the IdP may ask you to set your password'],
        where: oktaFlex,
        productSays: 'Okta may ask them to set a password first',
      },
      {
        fact: 'Check the full name in Flex, or the Worker page (email, roles).',
        seedSays: ['Validate the worker full name display'],
        where: oktaFlex,
        productSays: 'compare its attributes (email, roles',
      },
      {
        fact: 'IdP-initiated login, self-hosted domains, attributes: see the general SSO page.',
        seedSays: ['Initiating login from your IdP'],
        where: oktaFlex,
        productSays: 'IdP-initiated login',
      },
    ],
  },
  {
    file: '004_4d5f2da8bafbb151.txt',
    title: 'Configure Azure Active Directory with Frontline',
    facts: [
      {
        fact: 'Azure Active Directory > Enterprise Applications.',
        seedSays: ['Enterprise Applications from the left navigation bar'],
        where: azureFrontline,
        productSays: 'Enterprise applications > All applications > New application',
      },
      {
        fact: '+ New Application > Create your own application, named.',
        seedSays: ['Create your own application'],
        where: azureFrontline,
        productSays: 'Create your own application',
      },
      {
        fact: 'Single sign-on > SAML.',
        seedSays: ['pick SAML as the sign-on method'],
        where: azureFrontline,
        productSays: 'open Single sign-on and pick SAML',
      },
      {
        fact: 'Basic SAML Configuration > Edit.',
        seedSays: ['Select Basic SAML Configuration and click Edit'],
        where: azureFrontline,
        productSays: 'Select Edit on Basic SAML Configuration',
      },
      {
        fact: 'Identifier (Entity ID) = https://iam.twilio.com/v2/saml2/metadata/JB… (the Realm SID).',
        seedSays: ['https://iam.twilio.com/v2/saml2/metadata/JBxxx'],
        where: azureFrontline,
        productSays: 'https://iam.twilio.com/v2/saml2/metadata/JB0123456789abcdef0123456789abcdef',
      },
      {
        fact: "The Realm SID is on the Frontline Console's SSO configuration page.",
        seedSays: ['Frontline Console SSO configuration page'],
        where: azureFrontline,
        productSays: 'The Realm SID (JB…), from Twilio Console > Frontline > Manage > SSO / Log in (the Configure single sign-on page)',
      },
      {
        fact: 'Reply URL (Assertion Consumer Service URL) = https://iam.twilio.com/v2/saml2/authenticate/JB….',
        seedSays: ['https://iam.twilio.com/v2/saml2/authenticate/JBxxx'],
        where: azureFrontline,
        productSays: 'https://iam.twilio.com/v2/saml2/authenticate/JB0123456789abcdef0123456789abcdef',
      },
      {
        fact: 'Signing Option "Sign SAML response and assertion", SHA-256.',
        seedSays: ['Sign SAML response and assertion', 'Leave SHA-256 as the Signing Algorithm'],
        where: azureFrontline,
        productSays: 'Signing Option: Sign SAML response and assertion',
      },
      {
        fact: 'Attributes & Claims: claims with Attributes as source (user.mail required; roles).',
        seedSays: ["required claim 'user.mail' and additional claim 'roles'"],
        where: azureFrontline,
        productSays: '| roles | user.assignedroles | yes |',
      },
      {
        fact: 'Certificate (Base64) → X.509 Certificate in the Frontline Console.',
        seedSays: ['Download the Base64 Certificate'],
        where: azureFrontline,
        productSays: 'X.509 Certificate          <- Certificate (Base64)',
      },
      {
        fact: 'Login URL → Single Sign-On URL in the Frontline Console.',
        seedSays: ['Make a note of the Login URL'],
        where: azureFrontline,
        productSays: 'Single Sign-On URL         <- Login URL',
      },
      {
        fact: 'Azure AD identifier → Identity Provider Issuer in the Frontline Console.',
        seedSays: ['Make a note of the Azure AD identifier'],
        where: azureFrontline,
        productSays: 'Identity Provider Issuer   <- Microsoft Entra Identifier (older tenants: Azure AD Identifier)',
      },
      {
        fact: 'App Registrations > All applications > the app > App roles.',
        seedSays: ['navigate to App Registrations > All applications'],
        where: azureFrontline,
        productSays: 'App registrations > All applications > your app > App roles',
      },
      {
        fact: 'One Frontline app role: display name Agent, Users/Groups, value agent, description "Frontline user", enabled.',
        seedSays: ['a Frontline user as a description'],
        where: azureFrontline,
        productSays: 'Display name "Agent", Allowed member types Users/Groups, Value "agent", Description "Frontline user", enabled',
      },
      {
        fact: 'Users and Groups > Add user/group > the user > Select a role: agent > Assign.',
        seedSays: ['click Select a role and click on agent'],
        where: azureFrontline,
        productSays: 'select the role agent, then Assign',
      },
      {
        fact: 'Users must be assigned to the application.',
        seedSays: ['Please ensure that you have users assigned to your Application'],
        where: azureFrontline,
        productSays: 'Users and groups > Add user/group',
      },
      {
        fact: 'The Frontline Configure single sign-on page has Workspace ID, Realm SID, SSO URL and X.509 Certificate.',
        seedSays: ['fields for Workspace ID, Realm SID, SSO URL, and X.509 Certificate'],
        where: azureFrontline,
        productSays: 'Workspace ID               <- WS0123456789abcdef0123456789abcdef',
      },
      {
        fact: 'Users then log in to Frontline through Azure AD.',
        seedSays: ['log into Frontline using Azure Active Directory'],
        where: azureFrontline,
        productSays: 'Last check: sign in to Frontline',
      },
    ],
  },
];
