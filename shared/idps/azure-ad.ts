import type { Playbook } from './types';

export const azureAd: Playbook = {
  id: 'azure-ad',
  label: 'Microsoft Entra ID (Azure AD)',
  fieldNames: {
    acsUrl: 'Reply URL (Assertion Consumer Service URL)',
    entityId: 'Identifier (Entity ID)',
    certificate: 'Certificate (Base64)',
    issuer: 'Microsoft Entra Identifier (older tenants: Azure AD Identifier)',
    ssoUrl: 'Login URL',
    metadata: 'App Federation Metadata Url',
  },
  spMetadataImport: 'Basic SAML Configuration > Upload metadata file: choose the SP metadata XML below; it fills Identifier and Reply URL.',
  idpInitiated: {
    supported: true,
    how: "Users start from My Apps (or the app's User access URL under Properties); Twilio then sends them to the Default Redirect URL.",
  },
  steps: [
    {
      title: 'Create the enterprise application',
      body: [
        'In the Entra admin center open Enterprise applications > All applications > New application > Create your own application (the menu may read "Identity > Applications" or "Entra ID > Enterprise apps" depending on your tenant).',
        'Name it (for example "{{appName}}"), choose "Integrate any other application you don\'t find in the gallery (Non-gallery)" and select Create.',
        'In the new app open Single sign-on and pick SAML.',
      ],
    },
    {
      title: "Enter Twilio's values in Basic SAML Configuration",
      body: [
        "Select Edit on Basic SAML Configuration and enter the two values below. Delete any Identifier Microsoft filled in by default so that only Twilio's remains, and leave Relay State empty.",
        'Alternatively use Upload metadata file with the SP metadata XML below (save it as a file first).',
      ],
      values: [
        { label: 'Identifier (Entity ID)', value: '{{entityId}}' },
        { label: 'Reply URL (Assertion Consumer Service URL)', value: '{{acsUrl}}' },
      ],
      artifacts: ['sp-metadata'],
    },
    {
      title: 'Set the signing options',
      body: [
        'In SAML Certificates select Edit. Set Signing Option to "Sign SAML response and assertion" and keep Signing Algorithm on SHA-256.',
        'Do not turn on Token encryption: Twilio cannot read encrypted assertions.',
      ],
    },
    {
      title: 'Set the notification email addresses',
      body: [
        "Still in SAML Certificates > Edit, enter one or more addresses in Notification Email Addresses. Entra writes to them before the signing certificate expires: that is the day Twilio's X.509 Certificate must be replaced, so choose addresses someone reads.",
      ],
    },
    {
      title: 'Configure the claims',
      body: [
        'Open Attributes & Claims > Edit. Set Unique User Identifier (Name ID) to user.mail.',
        'Delete the default additional claims (emailaddress, givenname, name, surname): they carry namespaces {{product}} ignores.',
        'Add each claim in the table below with Add new claim: its Name, Source Attribute as shown, and the Namespace field left empty.',
      ],
      claimsTable: { name: 'Name', source: 'Source attribute', same: { column: 'Namespace', value: '(leave empty)' } },
      warnings: ['A claim with a Namespace arrives as a URI (http://schemas…/email) and {{product}} does not map it. Clear the Namespace box.'],
    },
    {
      title: 'Create the app roles',
      modes: ['flex-enhanced', 'flex-legacy'],
      body: [
        'Open App registrations > All applications > your app > App roles > Create app role, once per role below. Allowed member types: Users/Groups; Value: exactly the role name (this is what Microsoft Entra ID sends); tick "Do you want to enable this app role?".',
        'Add one app role for each Flex Insights role you plan to give (wfo.…). If you prefer the manifest, merge the fragment below into "appRoles" (every role has its own GUID).',
      ],
      artifacts: ['azure-app-roles'],
    },
    {
      title: 'Create the app role',
      modes: ['frontline'],
      body: [
        'Open App registrations > All applications > your app > App roles > Create app role: Display name "Agent", Allowed member types Users/Groups, Value "agent", Description "Frontline user", enabled. Or merge the manifest fragment below.',
      ],
      artifacts: ['azure-app-roles'],
    },
    {
      title: 'Assign users and groups',
      modes: ['flex-enhanced', 'flex-legacy'],
      body: [
        'Back in Enterprise applications > your app > Users and groups > Add user/group: choose the users or groups, select a role for them, then Assign. Assigning groups needs Entra ID P1 or P2, and nested groups are not followed.',
        'Each assignment carries exactly one role. Someone who needs several roles gets one assignment per role: a supervisor who also has the Insights role wfo.full_access is added twice, once with supervisor and once with wfo.full_access. Every Insights role you created needs its own assignments.',
      ],
    },
    {
      title: 'Assign users and groups',
      modes: ['frontline'],
      body: [
        'Back in Enterprise applications > your app > Users and groups > Add user/group: choose the users or groups, select the role agent, then Assign. Assigning groups needs Entra ID P1 or P2, and nested groups are not followed.',
      ],
    },
    {
      title: "Copy Microsoft Entra ID's values into Twilio",
      body: [
        'In the "Set up {{appName}}" card copy the Login URL and the Microsoft Entra Identifier; in SAML Certificates download Certificate (Base64). In the Twilio Console, the Login URL goes into Single Sign-On URL, the Microsoft Entra Identifier into Identity Provider Issuer, and the whole certificate text into X.509 Certificate.',
      ],
    },
  ],
  claims: [
    { attribute: 'NameID', source: 'user.mail', required: true, note: 'Unique User Identifier (Name ID)' },
    { attribute: 'email', source: 'user.mail', required: true },
    { attribute: 'full_name', source: 'user.displayname', required: true, modes: ['flex-enhanced', 'flex-legacy'] },
    { attribute: 'roles', source: 'user.assignedroles', required: true },
    { attribute: 'image_url', source: 'an attribute holding a picture URL', required: false, modes: ['flex-enhanced', 'flex-legacy'] },
  ],
  namespaceRule: 'Microsoft Entra ID puts a namespace in front of claim names unless the Namespace field of the claim is empty; empty it for every claim.',
  signing: ['Signing Option: Sign SAML response and assertion', 'Signing Algorithm: SHA-256', 'Token encryption: off'],
  signingOptions: {
    choices: [
      { label: 'Sign SAML assertion', response: false, assertion: true },
      { label: 'Sign SAML response', response: true, assertion: false },
      { label: 'Sign SAML response and assertion', response: true, assertion: true },
    ],
    instruction: 'In SAML Certificates select Edit, set Signing Option to "Sign SAML response and assertion" and keep Signing Algorithm on SHA-256.',
  },
  roleAssignment: [
    'Roles are app roles on the app registration; the Value of each is what reaches Twilio in roles.',
    'A user or group gets its role in Enterprise applications > Users and groups.',
  ],
  whereToFindValues: [
    'Certificate (Base64): Single sign-on > SAML Certificates > Download',
    'Microsoft Entra Identifier and Login URL: Single sign-on > "Set up <app>" card',
    'Or the App Federation Metadata Url, which holds all three',
  ],
  frontlineTroubleshooting: {
    'namespaced-claim': 'In Attributes & Claims open the claim and clear its Namespace field, so the name is sent bare (email, roles).',
  },
  troubleshooting: {
    'namespaced-claim': 'In Attributes & Claims open the claim and clear its Namespace field, so the name is sent bare (email, full_name, roles).',
    'missing-claim':
      'In Attributes & Claims add the missing claim with Add new claim, no Namespace, and the source from the claims table (for example email ← user.mail, roles ← user.assignedroles).',
    'invalid-role':
      'In App registrations > App roles check the Value of each role (one of the role names Twilio accepts, lowercase), then check the role given to the user in Users and groups.',
    'invalid-attribute-type':
      "Correct the claim's source in Attributes & Claims so the value fits the type in the claim name, or drop the type suffix from the Name.",
    'assertion-encrypted': 'Turn off Token encryption on the enterprise app: Twilio cannot decrypt assertions.',
    'audience-mismatch': "Basic SAML Configuration: Identifier (Entity ID) must be exactly Twilio's Entity ID; remove Microsoft's default entry and any other.",
    'destination-mismatch': "Basic SAML Configuration: Reply URL must be exactly Twilio's ACS URL.",
    'recipient-mismatch': "Basic SAML Configuration: Reply URL must be exactly Twilio's ACS URL.",
    'issuer-mismatch': 'Copy the Microsoft Entra Identifier from the "Set up <app>" card into Twilio\'s Identity Provider Issuer field.',
    'signature-invalid': "Download Certificate (Base64) again from SAML Certificates (the active one) and paste it into Twilio's X.509 Certificate field.",
    'cert-expired': 'SAML Certificates: create a new certificate, make it active, and paste its Certificate (Base64) into Twilio.',
    'invalid-nameid-policy': 'Attributes & Claims > Unique User Identifier (Name ID): set the source to user.mail and the format to Default or Email address.',
    'session-too-short': 'Check Conditional Access sign-in frequency for this app; a session shorter than a shift logs agents out.',
    'status-error': 'Read the AADSTS code in the Entra sign-in logs for this app; it names the failing setting.',
  },
  patterns: {
    issuer: 'https://sts.windows.net/<tenant-id>/',
    ssoUrl: 'https://login.microsoftonline.com/<tenant-id>/saml2',
    metadataUrl: 'https://login.microsoftonline.com/<tenant-id>/federationmetadata/2007-06/federationmetadata.xml?appid=<app-id>',
  },
};
