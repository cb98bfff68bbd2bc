import type { Playbook } from './types';
import { unverified } from './types';

export const ping: Playbook = {
  id: 'ping',
  label: 'PingOne',
  fieldNames: {
    acsUrl: 'ACS URLs',
    entityId: 'Entity ID',
    certificate: 'Download Signing Certificate',
    issuer: 'Issuer ID',
    ssoUrl: 'Single Sign-On Service (SSO URL in the metadata)',
    metadata: 'IdP Metadata URL',
  },
  spMetadataImport: 'SAML configuration > Import Metadata: upload the SP metadata XML below.',
  idpInitiated: { supported: true, how: 'Use the Initiate Single Sign-On URL on the Configuration tab, or the app in the PingOne application portal.' },
  steps: [
    {
      title: 'Add a SAML application',
      body: [
        'In the PingOne admin console open Applications > Applications (older consoles: Connections > Applications) > +, name it "{{appName}}", choose SAML Application and Configure.',
      ],
    },
    {
      title: "Enter Twilio's values",
      body: ['Choose Import Metadata with the SP metadata XML below, or Manually Enter the values, then Save and switch the application on.'],
      values: [
        { label: 'ACS URLs', value: '{{acsUrl}}' },
        { label: 'Entity ID', value: '{{entityId}}' },
      ],
      artifacts: ['sp-metadata'],
    },
    {
      title: 'Sign, do not encrypt',
      body: ['On the Configuration tab: sign assertions and responses, algorithm RSA_SHA256; leave Encryption unticked.'],
    },
    {
      title: 'Map the attributes',
      body: [
        `On the Attribute Mappings tab add each attribute in the table below (application attribute name exactly as shown) and pick its PingOne Mappings source. Map saml_subject to the email; the NameID format field is ${unverified('Subject NameID format')}.`,
      ],
      claimsTable: { name: 'Application attribute', source: 'PingOne Mappings' },
    },
    {
      title: 'Give access',
      body: ['On the Access tab limit the app to the groups that use {{product}}.'],
    },
    {
      title: "Copy PingOne's values into Twilio",
      body: ['On the Configuration tab: Issuer ID, Download Signing Certificate (.pem), and the SSO URL from Download Metadata (or the IdP Metadata URL).'],
    },
  ],
  claims: [
    { attribute: 'saml_subject (NameID)', source: 'Email Address', required: true },
    { attribute: 'email', source: 'Email Address', required: true },
    { attribute: 'full_name', source: 'expression builder: user.name.given + " " + user.name.family', required: true, modes: ['flex-enhanced', 'flex-legacy'] },
    {
      attribute: 'roles',
      source: 'Group Names (user.memberOfGroupNames) or a custom attribute',
      required: true,
      note: 'a multi-valued source becomes several values; the group names must be the role names',
    },
  ],
  signing: ['Sign assertions and responses', 'RSA_SHA256', 'Encryption: off'],
  signingOptions: {
    choices: [
      { label: 'sign assertion', response: false, assertion: true },
      { label: 'sign response', response: true, assertion: false },
      { label: 'sign assertions and responses', response: true, assertion: true },
    ],
    instruction: "On the application's Configuration tab choose to sign assertions and responses, with RSA_SHA256.",
  },
  roleAssignment: [
    'Use PingOne groups named after the {{product}} roles ({{roles}}) and map Group Names (user.memberOfGroupNames) to roles, or a custom user attribute holding the roles.',
  ],
  whereToFindValues: ['Configuration tab: Issuer ID, Download Signing Certificate, Download Metadata, IdP Metadata URL'],
  frontlineTroubleshooting: {
    'namespaced-claim': 'Attribute Mappings: name the application attribute exactly email or roles.',
  },
  troubleshooting: {
    'namespaced-claim': 'Attribute Mappings: name the application attribute exactly email, full_name or roles.',
    'missing-claim': 'Attribute Mappings: add the attribute and check the user has a value.',
    'invalid-role': 'Make the groups (or attribute) feeding roles hold only the role names Twilio accepts, lowercase.',
    'invalid-attribute-type': "Change the mapping's source so the value fits the type in the attribute name.",
    'assertion-encrypted': 'Configuration tab: untick Encryption.',
    'audience-mismatch': "Configuration tab: Entity ID must be exactly Twilio's Entity ID.",
    'destination-mismatch': "Configuration tab: ACS URLs must hold exactly Twilio's ACS URL.",
    'recipient-mismatch': "Configuration tab: ACS URLs must hold exactly Twilio's ACS URL.",
    'issuer-mismatch': 'Copy the Issuer ID from the Configuration tab into Twilio.',
    'signature-invalid': 'Download Signing Certificate again and paste it into Twilio.',
    'cert-expired': 'Create a new signing key under Settings > Certificates & Key Pairs, select it on the app, and paste it into Twilio.',
  },
  patterns: {
    issuer: 'https://auth.pingone.<region>/<environment-id>',
    ssoUrl: 'https://auth.pingone.<region>/<environment-id>/saml20/idp/sso',
    metadataUrl: 'https://auth.pingone.<region>/<environment-id>/saml20/metadata/<app-id>',
  },
};
