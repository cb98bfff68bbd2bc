import type { Playbook } from './types';

export const generic: Playbook = {
  id: 'generic',
  label: 'Another SAML 2.0 identity provider',
  fieldNames: {
    acsUrl: 'Assertion Consumer Service (ACS) URL (also called Reply URL, Single sign-on URL, Callback URL)',
    entityId: 'SP Entity ID (also called Audience, Audience URI, Identifier)',
    certificate: 'X.509 signing certificate',
    issuer: 'IdP Entity ID (Issuer)',
    ssoUrl: 'IdP Single Sign-On URL (SingleSignOnService Location in its metadata)',
    metadata: 'IdP metadata XML or URL',
  },
  spMetadataImport: 'If your IdP imports SP metadata, give it the SP metadata XML below: it carries the Entity ID and the ACS URL.',
  idpInitiated: {
    supported: true,
    how: 'If your IdP has a user portal, starting the app there logs the user in; Twilio then sends them to the Default Redirect URL.',
  },
  steps: [
    {
      title: 'Create a SAML 2.0 application for Twilio',
      body: ['In your IdP\'s admin console create a new SAML 2.0 (custom) application named "{{appName}}". If it can import SP metadata, use the XML below.'],
      artifacts: ['sp-metadata'],
    },
    {
      title: "Enter Twilio's values",
      body: ['Use the HTTP-POST binding for the ACS URL. Leave any default RelayState empty.'],
      values: [
        { label: 'ACS URL', value: '{{acsUrl}}' },
        { label: 'SP Entity ID / Audience', value: '{{entityId}}' },
        { label: 'NameID format', value: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified (or emailAddress)' },
      ],
    },
    {
      title: 'Sign, do not encrypt',
      body: ['Sign both the SAML response and the assertion with RSA-SHA256. Leave assertion encryption off: Twilio cannot decrypt it.'],
    },
    {
      title: 'Send the attributes',
      body: ['Add the attributes in the table below with exactly these names and no namespace or URI prefix (attribute name format Basic or Unspecified).'],
      claimsTable: { name: 'Attribute name', source: 'Value' },
    },
    {
      title: 'Assign users',
      body: ['Give access to the application to the users who will log in, and make sure each has a roles value.'],
    },
    {
      title: "Copy the IdP's values into Twilio",
      body: [
        "From the IdP's metadata (or its setup page) take the Entity ID (issuer), the HTTP-Redirect or HTTP-POST SingleSignOnService URL, and the signing certificate. `flex-sso metadata <file or URL>` reads them for you.",
      ],
    },
  ],
  claims: [
    { attribute: 'NameID', source: 'a unique, stable user id (usually the email)', required: true },
    { attribute: 'email', source: "the user's email", required: true },
    { attribute: 'full_name', source: 'first and last name joined by a space', required: true, modes: ['flex-enhanced', 'flex-legacy'] },
    {
      attribute: 'roles',
      source: 'a per-user attribute or group mapping yielding admin, supervisor, agent, wfo.…',
      required: true,
      modes: ['flex-enhanced', 'flex-legacy'],
    },
    { attribute: 'roles', source: 'the constant agent', required: true, modes: ['frontline'] },
    { attribute: 'image_url', source: 'a picture URL', required: false, modes: ['flex-enhanced', 'flex-legacy'] },
  ],
  namespaceRule: 'Many IdPs put a URI in front of attribute names (http://schemas…/emailaddress, urn:oid:…); {{product}} needs the bare names.',
  signing: ['Sign both the SAML response and the assertion', 'RSA-SHA256 with SHA-256 digest', 'No assertion encryption'],
  signingOptions: {
    choices: [
      { label: 'both the SAML response and the assertion', response: true, assertion: true },
      { label: 'the SAML response only', response: true, assertion: false },
      { label: 'the assertion only', response: false, assertion: true },
    ],
    instruction:
      "In the IdP's signing settings sign both the SAML response and the assertion, with RSA-SHA256; if it can sign only one of them, sign the response.",
  },
  roleAssignment: ['Roles come from a per-user attribute or from group membership; either way the values sent must be the role names themselves.'],
  whereToFindValues: ["The IdP's metadata XML: entityID (issuer), SingleSignOnService Location (SSO URL), X509Certificate (certificate)"],
  frontlineTroubleshooting: {
    'namespaced-claim': 'Rename the attribute in the IdP to the bare name (email, roles) and remove any namespace or URI prefix.',
  },
  troubleshooting: {
    'namespaced-claim': 'Rename the attribute in the IdP to the bare name (email, full_name, roles) and remove any namespace or URI prefix.',
    'missing-claim': 'Add the missing attribute with exactly the name Twilio expects for it (lowercase, no namespace) and check the user has a value for it.',
    'invalid-role': 'Send only the role names Twilio accepts, lowercase, comma-separated or as several values.',
    'invalid-attribute-type': 'Make the attribute value fit the type in its name (int: whole numbers, boolean: true/false), or drop the type suffix.',
    'assertion-encrypted': 'Turn off assertion encryption in the IdP.',
    'audience-mismatch': "Set the SP Entity ID / Audience in the IdP to exactly Twilio's Entity ID.",
    'destination-mismatch': "Set the ACS URL in the IdP to exactly Twilio's ACS URL.",
    'recipient-mismatch': "Set the ACS URL in the IdP to exactly Twilio's ACS URL.",
    'issuer-mismatch': "Copy the IdP's entityID from its metadata into Twilio's Identity Provider Issuer.",
    'signature-invalid': "Copy the IdP's current signing certificate into Twilio's X.509 Certificate field.",
    'cert-expired': 'Issue a new signing certificate in the IdP, make it active, and paste it into Twilio.',
    'invalid-nameid-policy': 'Set the NameID format to unspecified or emailAddress and make sure every user has a value for it.',
    'session-too-short': 'Remove SessionNotOnOrAfter or make the IdP session longer than a shift (8-10 hours).',
  },
};
