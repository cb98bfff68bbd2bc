import type { Playbook } from './types';

export const okta: Playbook = {
  id: 'okta',
  label: 'Okta',
  fieldNames: {
    acsUrl: 'Single sign on URL',
    entityId: 'Audience URI (SP Entity ID)',
    certificate: 'X.509 Certificate',
    issuer: 'Identity Provider Issuer',
    ssoUrl: 'Identity Provider Single Sign-On URL',
    metadata: 'Metadata URL',
  },
  idpInitiated: {
    supported: true,
    how: 'Users start from the app tile on their Okta dashboard, or from the App Embed Link (General tab).',
  },
  steps: [
    {
      title: 'Create the SAML app integration',
      body: [
        'In the Okta Admin Console open Applications > Applications > Create App Integration, pick SAML 2.0 and select Next. (A new Okta account for this should be a Workforce Identity Cloud one.)',
        'Under General Settings give it a name such as "{{appName}}", then Next to Configure SAML.',
      ],
    },
    {
      title: "Enter Twilio's values in Configure SAML",
      body: [
        'Fill in the fields below; keep "Use this for Recipient URL and Destination URL" ticked.',
        'Leave Default RelayState empty. Name ID format: Unspecified. Application username: Email (or the Okta username, or another name unique to each person).',
        'Leave Assertion Inline Hook, Authentication context class, Honor Force Authentication and SAML Issuer ID as Okta sets them. To finish another day, open Applications > Applications and select the app.',
      ],
      values: [
        { label: 'Single sign on URL', value: '{{acsUrl}}' },
        { label: 'Audience URI (SP Entity ID)', value: '{{entityId}}' },
        { label: 'Default RelayState', value: '(leave empty)' },
        { label: 'Name ID format', value: 'Unspecified' },
      ],
    },
    {
      title: 'Set signing and encryption',
      body: [
        'Open Show Advanced Settings: Response Signed, Assertion Signature Signed, Signature Algorithm RSA-SHA256, Digest Algorithm SHA256, Assertion Encryption Unencrypted.',
      ],
    },
    {
      title: 'Add the attribute statements',
      body: [
        'Under Attribute Statements (or, in orgs with claims management, the Sign On tab > SAML Attributes) add the statements below with Name format Basic. Use Preview the SAML Assertion to check them.',
        'Finish the wizard; on the Feedback page choose "I\'m an Okta customer adding an internal app".',
      ],
      artifacts: ['okta-attribute-statements'],
    },
    {
      title: 'Assign people and groups',
      body: ['Open the app\'s Assignments tab > Assign > Assign to People or Assign to Groups. Anyone not assigned gets Okta\'s "not assigned this app" page.'],
    },
    {
      title: "Copy Okta's values into Twilio",
      body: [
        'On the Sign On tab select View SAML setup instructions: it lists the Identity Provider Single Sign-On URL, the Identity Provider Issuer and the X.509 Certificate. Each goes into the Twilio Console field of the same name.',
      ],
    },
  ],
  claims: [
    { attribute: 'NameID', source: 'Application username (e.g. Email)', required: true },
    {
      attribute: 'full_name',
      source: 'String.join(" ", user.firstName, user.lastName)',
      required: true,
      note: 'or ${user.firstName} ${user.lastName}',
      modes: ['flex-enhanced', 'flex-legacy'],
    },
    { attribute: 'email', source: 'user.email', required: true },
    {
      attribute: 'roles',
      source: 'user.userType',
      required: true,
      note: 'the user\'s "User type" holds a comma-separated list such as admin,supervisor',
      modes: ['flex-enhanced', 'flex-legacy'],
    },
    { attribute: 'roles', source: '"agent"', required: true, note: 'a constant: Frontline has the one role agent', modes: ['frontline'] },
    {
      attribute: 'image_url',
      source: 'user.profileUrl',
      required: false,
      note: "optional, for the agent's avatar; Twilio's guide gives it Name format URI Reference",
      modes: ['flex-enhanced', 'flex-legacy'],
    },
  ],
  signing: ['Response: Signed', 'Assertion Signature: Signed', 'Signature Algorithm: RSA-SHA256', 'Assertion Encryption: Unencrypted'],
  signingOptions: {
    choices: [
      { label: 'Response Signed, Assertion Signature Signed', response: true, assertion: true },
      { label: 'Response Signed, Assertion Signature Unsigned', response: true, assertion: false },
      { label: 'Response Unsigned, Assertion Signature Signed', response: false, assertion: true },
    ],
    instruction:
      "In the app's SAML settings open Show Advanced Settings and set Response Signed, Assertion Signature Signed, with Signature Algorithm RSA-SHA256.",
  },
  roleAssignment: [
    "The simplest model: put the roles in each user's User type (Directory > People > profile), comma-separated, e.g. agent or admin,supervisor; the statement roles = user.userType sends it.",
    'Alternatives: an expression on group membership such as isMemberOfGroupName("Flex Admins") ? "admin" : "agent", or an app-user profile attribute (appuser.…).',
  ],
  whereToFindValues: [
    'Sign On tab > View SAML setup instructions: Identity Provider Single Sign-On URL, Identity Provider Issuer, X.509 Certificate',
    'Sign On tab > Metadata URL, which holds all three',
  ],
  frontlineRoleAssignment: ['The roles statement is the constant "agent": every user assigned to the app (Assignments tab) signs in to Frontline as an agent.'],
  frontlineTroubleshooting: {
    'namespaced-claim': 'Rename the attribute statement to the bare name (email, roles) and set its Name format to Basic.',
    'invalid-role': 'Set the roles attribute statement to the constant "agent" (with the quotes), Name format Basic.',
  },
  troubleshooting: {
    'namespaced-claim': 'Rename the attribute statement to the bare name (email, full_name, roles) and set its Name format to Basic.',
    'missing-claim':
      "Add the missing attribute statement (Name exactly as in the claims table, Name format Basic) and check the user's profile has a value for it.",
    'invalid-role': "Fix the user's User type (or the expression feeding roles) so it holds only the role names Twilio accepts, comma-separated, lowercase.",
    'invalid-attribute-type': "Change the attribute statement's Value expression so it yields a value of the type in the Name, or drop the type suffix.",
    'assertion-encrypted': 'Show Advanced Settings: set Assertion Encryption to Unencrypted.',
    'audience-mismatch': "General > SAML Settings > Edit: Audience URI (SP Entity ID) must be exactly Twilio's Entity ID.",
    'destination-mismatch':
      'General > SAML Settings > Edit: Single sign on URL must be exactly Twilio\'s ACS URL, with "Use this for Recipient URL and Destination URL" ticked.',
    'recipient-mismatch':
      'General > SAML Settings > Edit: Single sign on URL must be exactly Twilio\'s ACS URL, with "Use this for Recipient URL and Destination URL" ticked.',
    'issuer-mismatch': 'Copy the Identity Provider Issuer from View SAML setup instructions into Twilio (it looks like http://www.okta.com/exk…).',
    'signature-invalid': 'Copy the X.509 Certificate again from View SAML setup instructions (the active signing certificate) into Twilio.',
    'cert-expired': 'Sign On tab > SAML Signing Certificates: generate a new certificate, activate it, and paste it into Twilio.',
    'invalid-nameid-policy': 'Set Name ID format to Unspecified and Application username to Email.',
    'session-too-short': "Raise the session lifetime in the global session policy for these users above a shift's length.",
    'not-assigned': "Assign the user (or one of their groups) on the app's Assignments tab.",
  },
  patterns: {
    issuer: 'http://www.okta.com/<external-key>',
    ssoUrl: 'https://<org>.okta.com/app/<app-name>/<app-id>/sso/saml',
    metadataUrl: 'https://<org>.okta.com/app/<app-id>/sso/saml/metadata',
  },
};
