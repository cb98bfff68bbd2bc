import type { Playbook } from './types';
import { unverified } from './types';

export const onelogin: Playbook = {
  id: 'onelogin',
  label: 'OneLogin',
  fieldNames: {
    acsUrl: 'ACS (Consumer) URL',
    entityId: 'Audience (EntityID)',
    certificate: 'X.509 Certificate',
    issuer: 'Issuer URL',
    ssoUrl: 'SAML 2.0 Endpoint (HTTP)',
    metadata: 'SAML Metadata',
  },
  idpInitiated: { supported: true, how: 'Users start from the app\'s tile in the OneLogin portal (with "Visible in portal" on).' },
  steps: [
    {
      title: 'Add a SAML Custom Connector',
      body: [
        'In Administration open Applications > Applications > Add App, search for "SAML Custom Connector" and choose SAML Custom Connector (Advanced) (older name: SAML Test Connector (Advanced)). Set the Display Name to "{{appName}}" and Save.',
      ],
    },
    {
      title: "Enter Twilio's values on the Configuration tab",
      body: ['Fill in the fields below. For the validator, a regular expression matching the ACS URL exactly works (escape the dots and the question mark).'],
      values: [
        { label: 'Audience (EntityID)', value: '{{entityId}}' },
        { label: 'ACS (Consumer) URL', value: '{{acsUrl}}' },
        { label: 'ACS (Consumer) URL Validator', value: '{{acsUrlRegex}}' },
        { label: 'Recipient', value: '{{acsUrl}}' },
        { label: 'SAML initiator', value: 'Service Provider (or OneLogin for portal logins)' },
        { label: 'SAML nameID format', value: 'Email' },
      ],
    },
    {
      title: 'Sign, do not encrypt',
      body: [
        `On the Configuration tab set ${unverified('SAML signature element')}: Both (response and assertion) and Save; it offers Assertion, Response and Both.`,
        'On the SSO tab choose SHA-256 as SAML Signature Algorithm, and leave SAML Encryption empty.',
      ],
    },
    {
      title: 'Add the parameters',
      body: [
        'On the Parameters tab use Add parameter for each attribute in the table below: Field name exactly as shown, tick Include in SAML assertion (and Multi-value parameter for roles), then pick its Value.',
      ],
      claimsTable: { name: 'Field name', source: 'Value' },
    },
    {
      title: 'Give access',
      body: ['Give users the app directly (user > Applications) or through a role under Users > Roles with the app enabled.'],
    },
    {
      title: "Copy OneLogin's values into Twilio",
      body: [
        'On the SSO tab copy the Issuer URL and SAML 2.0 Endpoint (HTTP); for the certificate use X.509 Certificate > View Details > X.509 PEM. More Actions > SAML Metadata gives all three at once.',
      ],
    },
  ],
  claims: [
    { attribute: 'NameID', source: 'Email', required: true },
    { attribute: 'email', source: 'Email', required: true },
    {
      attribute: 'full_name',
      source: unverified('a macro such as {firstname} {lastname}'),
      required: true,
      note: 'OneLogin has no confirmed single "full name" value',
      modes: ['flex-enhanced', 'flex-legacy'],
    },
    {
      attribute: 'roles',
      source: `User Roles with ${unverified('Semicolon Delimited input (Multi-value output)')}`,
      required: true,
      note: 'OneLogin role names must be the {{product}} role names ({{roles}})',
    },
  ],
  signing: ['SAML Signature Algorithm: SHA-256', `${unverified('SAML signature element')}: Both`, 'SAML Encryption: empty'],
  signingOptions: {
    choices: [
      { label: `${unverified('SAML signature element')}: Assertion`, response: false, assertion: true },
      { label: `${unverified('SAML signature element')}: Response`, response: true, assertion: false },
      { label: `${unverified('SAML signature element')}: Both`, response: true, assertion: true },
    ],
    instruction: `On the Configuration tab set ${unverified('SAML signature element')}: Both (response and assertion), and on the SSO tab choose SHA-256 as SAML Signature Algorithm.`,
  },
  roleAssignment: ['Create OneLogin roles named exactly like the {{product}} roles ({{roles}}), give them to users, and send them with the User Roles value.'],
  whereToFindValues: ['SSO tab: Issuer URL, SAML 2.0 Endpoint (HTTP), X.509 Certificate > View Details', 'More Actions > SAML Metadata'],
  frontlineTroubleshooting: {
    'namespaced-claim': 'On the Parameters tab name the field exactly email or roles, without a prefix.',
  },
  troubleshooting: {
    'namespaced-claim': 'On the Parameters tab name the field exactly email, full_name or roles, without a prefix.',
    'missing-claim': 'Add the parameter on the Parameters tab with Include in SAML assertion ticked.',
    'invalid-role': 'Rename the OneLogin roles given to users so they are exactly the role names Twilio accepts (lowercase).',
    'invalid-attribute-type': "Change the parameter's Value so it fits the type in its Field name.",
    'assertion-encrypted': 'Remove the SAML Encryption certificate.',
    'audience-mismatch': "Configuration tab: Audience (EntityID) must be exactly Twilio's Entity ID.",
    'destination-mismatch': "Configuration tab: ACS (Consumer) URL must be exactly Twilio's ACS URL.",
    'recipient-mismatch': "Configuration tab: Recipient must be exactly Twilio's ACS URL.",
    'issuer-mismatch': 'Copy the Issuer URL from the SSO tab into Twilio.',
    'signature-invalid': 'Copy the X.509 PEM again from the SSO tab into Twilio.',
    'cert-expired': 'Create a new certificate under Security > Certificates, switch the app to it on the SSO tab, and paste it into Twilio.',
    'invalid-nameid-policy': 'Configuration tab: set SAML nameID format to Email or Unspecified.',
  },
  patterns: {
    issuer: 'https://app.onelogin.com/saml/metadata/<app-id>',
    ssoUrl: 'https://<subdomain>.onelogin.com/trust/saml2/http-post/sso/<app-id>',
  },
};
