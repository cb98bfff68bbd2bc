import type { Playbook } from './types';
import { unverified } from './types';

export const jumpcloud: Playbook = {
  id: 'jumpcloud',
  label: 'JumpCloud',
  fieldNames: {
    acsUrl: 'ACS URLs',
    entityId: 'SP Entity ID',
    certificate: 'IdP certificate',
    issuer: 'IdP Entity ID',
    ssoUrl: 'IDP URL',
    metadata: 'Export Metadata',
  },
  spMetadataImport: 'SSO tab > Upload Metadata: the SP metadata XML below fills the SP Entity ID and ACS URLs.',
  idpInitiated: { supported: true, how: `Users start from the app's tile in the ${unverified('JumpCloud User Portal')}.` },
  steps: [
    {
      title: 'Add a custom SAML application',
      body: [
        'In the Admin Portal open User Authentication > SSO Applications > + Add New Application > Custom Application, choose Manage Single Sign-On (SSO) and Configure SSO with SAML, set the Display Label to "{{appName}}" and Save Application; then Configure Application > SSO tab.',
      ],
    },
    {
      title: 'Enter the values on the SSO tab',
      body: [
        'The IdP Entity ID is yours to choose (a URL of your own is a good choice); Twilio must get exactly the same text. Some guides say JumpCloud generates it instead (sources disagree: check your console).',
      ],
      values: [
        { label: 'SP Entity ID', value: '{{entityId}}' },
        { label: 'ACS URLs', value: '{{acsUrl}}' },
        { label: 'SAMLSubject NameID', value: 'email' },
        { label: 'Signature Algorithm', value: 'RSA-SHA256' },
        { label: 'Sign', value: 'Assertion and Response' },
        { label: 'Default RelayState', value: '(leave empty)' },
      ],
      artifacts: ['sp-metadata'],
    },
    {
      title: 'Map the attributes',
      body: [
        'Under USER ATTRIBUTE MAPPING add each attribute in the table below (Service Provider Attribute Name exactly as shown). For roles either use GROUP ATTRIBUTES with "include group attribute" named roles, or a CONSTANT ATTRIBUTE when everyone has the same role.',
      ],
      claimsTable: { name: 'Service Provider Attribute Name', source: 'JumpCloud attribute' },
    },
    {
      title: 'Give access',
      body: ["On the app's User Groups tab select the groups that use {{product}} and Save."],
    },
    {
      title: "Copy JumpCloud's values into Twilio",
      body: ['Export Metadata (or Copy Metadata URL) gives the IdP Entity ID, the IDP URL and the certificate.'],
    },
  ],
  claims: [
    { attribute: 'NameID', source: 'SAMLSubject NameID: email', required: true },
    { attribute: 'email', source: 'email', required: true },
    { attribute: 'full_name', source: unverified('displayname'), required: true, modes: ['flex-enhanced', 'flex-legacy'] },
    {
      attribute: 'roles',
      source: "group attribute (names of the user's groups) or a constant attribute",
      required: true,
      note: 'group names must be the {{product}} role names ({{roles}})',
    },
  ],
  signing: ['Sign: Assertion and Response', 'Signature Algorithm: RSA-SHA256', 'no encryption'],
  signingOptions: {
    choices: [
      { label: 'Sign: Assertion', response: false, assertion: true },
      { label: 'Sign: Response', response: true, assertion: false },
      { label: 'Sign: Assertion and Response', response: true, assertion: true },
    ],
    instruction: "On the app's SSO tab set Sign: Assertion and Response, with Signature Algorithm RSA-SHA256.",
  },
  roleAssignment: ['Make user groups named after the {{product}} roles ({{roles}}), bind them to the app, and send them with the group attribute named roles.'],
  whereToFindValues: ['SSO tab: Export Metadata, Copy Metadata URL, IdP certificate download, IDP URL (https://sso.jumpcloud.com/saml2/<app-name>)'],
  troubleshooting: {
    'namespaced-claim': 'USER ATTRIBUTE MAPPING: set the Service Provider Attribute Name to the bare name.',
    'missing-claim': 'Add the attribute under USER ATTRIBUTE MAPPING (or the group attribute for roles).',
    'invalid-role': 'Rename the user groups sent as roles to exactly the role names Twilio accepts, or change the constant.',
    'audience-mismatch': "SSO tab: SP Entity ID must be exactly Twilio's Entity ID.",
    'destination-mismatch': "SSO tab: ACS URLs must hold exactly Twilio's ACS URL.",
    'recipient-mismatch': "SSO tab: ACS URLs must hold exactly Twilio's ACS URL.",
    'issuer-mismatch': 'Copy the IdP Entity ID from the SSO tab into Twilio, character for character.',
    'signature-invalid': 'Download the IdP certificate again and paste it into Twilio.',
    'cert-expired': "Replace the app's certificate and key pair on the SSO tab and paste the new certificate into Twilio.",
  },
  patterns: { ssoUrl: 'https://sso.jumpcloud.com/saml2/<app-name>' },
};
