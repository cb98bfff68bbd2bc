import type { Playbook } from './types';

export const auth0: Playbook = {
  id: 'auth0',
  label: 'Auth0',
  fieldNames: {
    acsUrl: 'Application Callback URL',
    entityId: 'audience (in the SAML2 Web App Settings JSON)',
    certificate: 'Identity Provider Certificate',
    issuer: 'Issuer',
    ssoUrl: 'Identity Provider Login URL',
    metadata: 'Identity Provider Metadata',
  },
  idpInitiated: {
    supported: true,
    how: 'Opening the Identity Provider Login URL without a SAML request starts an IdP-initiated login; Twilio then sends the user to the Default Redirect URL. (Auth0 does not document this for the add-on: test it.)',
  },
  steps: [
    {
      title: 'Create the application',
      body: [
        'In the Auth0 Dashboard open Applications > Applications > Create Application, name it "{{appName}}" and choose Regular Web Application.',
        "Its Settings tab shows the Client ID. The Post-Login Action below names it, so that the Action runs for this application only; the wizard asks for it once (the add-on's metadata URL, which ends with it, works too).",
      ],
    },
    {
      title: "Allow Twilio's URLs",
      modes: ['flex-enhanced', 'flex-legacy'],
      body: [
        "In the application's Settings put Twilio's ACS URL first in Allowed Callback URLs.",
        "Allowed Logout URLs: a third-party Auth0 guide lists the addresses below; Twilio's own guides do not mention them, so treat them as a suggestion and check where a user lands after logging out of Flex.",
        'The same guide also lists https://iam.twilio.com/v2/saml2/authenticate/<Flex instance SID, FO…> (and the same address ending in /callback) as callback URLs. Twilio does not confirm them, and the add-on sends users to the ACS URL above; add them only if Auth0 reports a callback URL mismatch that names them.',
      ],
      values: [
        { label: 'Allowed Callback URLs', value: '{{acsUrl}}' },
        { label: 'Allowed Logout URLs (unverified)', value: '{{logoutUrls}}' },
      ],
    },
    {
      title: "Allow Twilio's URL",
      modes: ['frontline'],
      body: ["In the application's Settings put Twilio's ACS URL first in Allowed Callback URLs."],
      values: [{ label: 'Allowed Callback URLs', value: '{{acsUrl}}' }],
    },
    {
      title: 'Turn on the SAML2 Web App add-on',
      body: [
        'Open the Addons tab, switch on SAML2 Web App, and on its Settings tab enter the Application Callback URL below.',
        'Replace the Settings JSON with the one below: it sets Twilio\'s Entity ID as audience, signs the response ("signResponse": true) with SHA-256, and keeps claim names bare. Select Enable (or Save).',
      ],
      values: [{ label: 'Application Callback URL', value: '{{acsUrl}}' }],
      artifacts: ['auth0-addon-settings'],
      warnings: [
        'Auth0 signs with SHA-1 unless the settings say otherwise, and prefixes unmapped claims with http://schema.auth0.com: the JSON below prevents both.',
      ],
    },
    {
      title: 'Add the Post-Login Action',
      modes: ['flex-enhanced', 'flex-legacy'],
      body: [
        'Open Actions > Library > Build Custom (trigger: Login / Post Login), paste the code below, Deploy it, then drag it into the Login flow and Apply.',
        "It reads each user's app_metadata.flex (roles, and optionally team and program) and sends them as SAML attributes, only for the application with the Client ID {{auth0ClientId}}.",
      ],
      artifacts: ['auth0-post-login-action'],
    },
    {
      title: 'Add the Post-Login Action',
      modes: ['frontline'],
      body: [
        'Open Actions > Library > Build Custom (trigger: Login / Post Login), paste the code below, Deploy it, then drag it into the Login flow and Apply.',
        "It reads each user's app_metadata.frontline.roles and sends them as the roles attribute, only for the application with the Client ID {{auth0ClientId}}.",
      ],
      artifacts: ['auth0-post-login-action'],
    },
    {
      title: 'Give users their roles',
      modes: ['flex-enhanced', 'flex-legacy'],
      body: [
        'For each user open User Management > Users > the user > Details > app_metadata and set for example {"flex": {"roles": ["agent"]}}. Multi-factor authentication, if you want it, is configured in Auth0 (Security > Multi-factor Auth).',
      ],
    },
    {
      title: 'Give users their role',
      modes: ['frontline'],
      body: [
        'For each user open User Management > Users > the user > Details > app_metadata and set {"frontline": {"roles": ["agent"]}}. Multi-factor authentication, if you want it, is configured in Auth0 (Security > Multi-factor Auth).',
      ],
    },
    {
      title: "Copy Auth0's values into Twilio",
      body: [
        "On the add-on's Usage tab find the Issuer, the Identity Provider Login URL and the Identity Provider Certificate, or use the Identity Provider Metadata, also served at https://<tenant>.auth0.com/samlp/metadata/{{auth0ClientId}}.",
        "Copy the Issuer exactly as the metadata gives it (its entityID); never type it from a pattern. It is normally urn: followed by the tenant's domain, such as urn:dev-abc123.us.auth0.com.",
        'If your users log in with a specific Auth0 database connection, the SSO URL given to Twilio may need ?connection=<connection name> at the end.',
      ],
    },
  ],
  claims: [
    { attribute: 'NameID', source: "user_id (Auth0's default nameIdentifierProbes) or email", required: true },
    { attribute: 'email', source: 'email (mapped in the add-on settings)', required: true },
    { attribute: 'full_name', source: 'name (mapped in the add-on settings)', required: true, modes: ['flex-enhanced', 'flex-legacy'] },
    { attribute: 'roles', source: 'app_metadata.flex.roles (set by the Post-Login Action)', required: true, modes: ['flex-enhanced', 'flex-legacy'] },
    { attribute: 'roles', source: 'app_metadata.frontline.roles (set by the Post-Login Action)', required: true, modes: ['frontline'] },
    { attribute: 'team', source: 'app_metadata.flex.team (Post-Login Action)', required: false, modes: ['flex-enhanced', 'flex-legacy'] },
    { attribute: 'program', source: 'app_metadata.flex.program (Post-Login Action)', required: false, modes: ['flex-enhanced', 'flex-legacy'] },
  ],
  namespaceRule:
    'Auth0 prefixes claims without a mapping with http://schema.auth0.com unless "mapUnknownClaimsAsIs" is true; map every claim to its bare name.',
  signing: [
    '"signResponse": true (Auth0 then signs the response envelope)',
    '"signatureAlgorithm": "rsa-sha256"',
    '"digestAlgorithm": "sha256"',
    'no encryption certificate',
  ],
  signingOptions: {
    choices: [
      { label: '"signResponse": false', response: false, assertion: true },
      { label: '"signResponse": true', response: true, assertion: false },
    ],
    instruction:
      'In the SAML2 Web App add-on\'s Settings JSON set "signResponse": true (Auth0 then signs the response instead of the assertion), with "signatureAlgorithm": "rsa-sha256" and "digestAlgorithm": "sha256".',
  },
  roleAssignment: [
    "Roles live in each user's app_metadata.{{appMetadataKey}}.roles (an array such as {{roleExample}}).",
    'The Post-Login Action copies them into the roles attribute for this application only.',
  ],
  whereToFindValues: [
    'Addons > SAML2 Web App > Usage: Issuer, Identity Provider Login URL, Identity Provider Certificate',
    'Identity Provider Metadata: https://<tenant>.auth0.com/samlp/metadata/<Client ID>',
    'Issuer: read it from the metadata (normally urn:<tenant domain>, e.g. urn:dev-abc123.us.auth0.com); never build it by hand',
  ],
  troubleshooting: {
    'namespaced-claim': 'Map the claim to its bare name in the add-on Settings JSON "mappings", and set "mapUnknownClaimsAsIs": true.',
    'missing-claim':
      "Check the Post-Login Action is deployed, in the Login flow and names this application's Client ID, and that the user's app_metadata holds the value.",
    'invalid-role': "Fix the roles in the user's app_metadata so they hold only the role names Twilio accepts, lowercase.",
    'invalid-attribute-type': 'Fix the value the Post-Login Action sends for that attribute so it fits the type in its name.',
    'assertion-encrypted': 'Remove the encryption certificate ("encryptionCertificate") from the add-on settings.',
    'audience-mismatch': 'Set "audience" in the add-on Settings JSON to exactly Twilio\'s Entity ID.',
    'destination-mismatch': 'Set the Application Callback URL (and "destination"/"recipient" if present) to exactly Twilio\'s ACS URL.',
    'recipient-mismatch': 'Set the Application Callback URL (and "recipient" if present) to exactly Twilio\'s ACS URL.',
    'issuer-mismatch':
      "Copy the Issuer exactly as the add-on's Usage tab or its metadata gives it (normally urn:<tenant domain>, e.g. urn:dev-abc123.us.auth0.com) into Twilio's Identity Provider Issuer; never type it from a pattern.",
    'signature-invalid': 'Copy the Identity Provider Certificate again from the Usage tab (or https://<tenant>.auth0.com/pem) into Twilio.',
    'cert-expired': 'Rotate the signing key in Settings > Advanced > Certificates (tenant settings > Signing Keys) and paste the new certificate into Twilio.',
    'invalid-nameid-policy': 'Set "nameIdentifierFormat" and "nameIdentifierProbes" in the add-on settings so a NameID is always sent.',
    'session-too-short': 'Raise the session lifetime in Tenant Settings > Advanced > Login Session Management.',
    'status-error': 'Open Monitoring > Logs in the Auth0 Dashboard: each login shows there with the reason it failed (an Action error, a denied access).',
  },
  patterns: {
    issuer: 'urn:<tenant domain>, e.g. urn:dev-abc123.us.auth0.com (read it from the metadata)',
    ssoUrl: 'https://<tenant>.auth0.com/samlp/<client-id>',
    metadataUrl: 'https://<tenant>.auth0.com/samlp/metadata/<client-id>',
  },
};
