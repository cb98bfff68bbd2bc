import type { Playbook } from './types';
import { unverified } from './types';

export const keycloak: Playbook = {
  id: 'keycloak',
  label: 'Keycloak',
  fieldNames: {
    acsUrl: 'Assertion Consumer Service POST Binding URL',
    entityId: 'Client ID',
    certificate: 'Certificate (Realm settings > Keys, RS256)',
    issuer: 'realm entity ID (https://<host>/realms/<realm>)',
    ssoUrl: 'SAML endpoint (https://<host>/realms/<realm>/protocol/saml)',
    metadata: 'SAML 2.0 Identity Provider Metadata',
  },
  spMetadataImport: 'Clients > Import client: browse to the SP metadata XML below.',
  idpInitiated: {
    supported: true,
    how: 'Set IDP-Initiated SSO URL name on the client; users then open https://<host>/realms/<realm>/protocol/saml/clients/<url-name>.',
  },
  steps: [
    {
      title: 'Create the SAML client',
      body: [
        "In your realm open Clients > Create client, Client type SAML, Client ID = Twilio's Entity ID, and Save. (Or Clients > Import client with the SP metadata XML below.)",
      ],
      values: [{ label: 'Client ID', value: '{{entityId}}' }],
      artifacts: ['sp-metadata'],
    },
    {
      title: 'Enter the ACS URL',
      body: [
        'Put the ACS URL in Valid Redirect URIs and, under Advanced > Fine Grain SAML Endpoint Configuration, in Assertion Consumer Service POST Binding URL. Name ID Format: email, with Force Name ID Format on.',
      ],
      values: [
        { label: 'Valid Redirect URIs', value: '{{acsUrl}}' },
        { label: 'Assertion Consumer Service POST Binding URL', value: '{{acsUrl}}' },
      ],
    },
    {
      title: 'Sign, do not encrypt',
      body: [
        'Settings > Signature and Encryption: Sign Documents on, Sign Assertions on, Signature Algorithm RSA_SHA256. Keys tab: Encrypt Assertions off, Client Signature Required off (Twilio is not known to sign its requests).',
      ],
    },
    {
      title: 'Add the mappers',
      modes: ['flex-enhanced', 'flex-legacy'],
      body: [
        "In the client's dedicated scope add mappers: User Property email → email; a User Attribute (or Script Mapper) → full_name; Role list → roles.",
        'In the Role list mapper set Role attribute name to roles and turn Single Role Attribute on, so all roles arrive in one attribute. Remove the default "role list" mapper that sends Role.',
      ],
    },
    {
      title: 'Add the mappers',
      modes: ['frontline'],
      body: [
        "In the client's dedicated scope add mappers: User Property email → email; Role list → roles.",
        'In the Role list mapper set Role attribute name to roles and turn Single Role Attribute on, so all roles arrive in one attribute. Remove the default "role list" mapper that sends Role.',
      ],
    },
    {
      title: 'Give users their roles',
      body: ['Create client roles (or realm roles) named after the {{product}} roles ({{roles}}) and assign them to users or groups under Role mapping.'],
    },
    {
      title: "Copy Keycloak's values into Twilio",
      body: [
        'Realm settings > General > SAML 2.0 Identity Provider Metadata (https://<host>/realms/<realm>/protocol/saml/descriptor) holds the issuer, SSO URL and certificate; the certificate also sits in Realm settings > Keys > RS256 > Certificate.',
      ],
    },
  ],
  claims: [
    { attribute: 'NameID', source: 'Name ID Format email (Force Name ID Format on)', required: true },
    { attribute: 'email', source: 'User Property mapper: email', required: true },
    {
      attribute: 'full_name',
      source: unverified('User Attribute or Script Mapper joining firstName and lastName'),
      required: true,
      modes: ['flex-enhanced', 'flex-legacy'],
    },
    { attribute: 'roles', source: 'Role list mapper, Role attribute name roles, Single Role Attribute on', required: true },
  ],
  signing: ['Sign Documents on, Sign Assertions on', 'Signature Algorithm: RSA_SHA256', 'Encrypt Assertions: off'],
  signingOptions: {
    choices: [
      { label: 'Sign Documents on, Sign Assertions on', response: true, assertion: true },
      { label: 'Sign Documents on, Sign Assertions off', response: true, assertion: false },
      { label: 'Sign Documents off, Sign Assertions on', response: false, assertion: true },
    ],
    instruction: "In the client's Settings > Signature and Encryption turn Sign Documents on, Sign Assertions on, with Signature Algorithm RSA_SHA256.",
  },
  roleAssignment: ['Client roles named {{roles}}, assigned per user or group in Role mapping.'],
  whereToFindValues: ['Realm settings > General > SAML 2.0 Identity Provider Metadata', 'Realm settings > Keys > RS256 > Certificate'],
  troubleshooting: {
    'namespaced-claim': 'In the mapper set the SAML Attribute Name to the bare name and SAML Attribute NameFormat to Basic.',
    'missing-claim': "Add a mapper for the claim in the client's dedicated scope.",
    'invalid-role':
      "Remove the default role list mapper (it sends every realm role, e.g. offline_access) and send only the client roles named after Twilio's roles.",
    'assertion-encrypted': 'Keys tab: turn off Encrypt Assertions.',
    'audience-mismatch': "The Client ID must be exactly Twilio's Entity ID.",
    'destination-mismatch': "Assertion Consumer Service POST Binding URL must be exactly Twilio's ACS URL.",
    'recipient-mismatch': "Assertion Consumer Service POST Binding URL must be exactly Twilio's ACS URL.",
    'issuer-mismatch': "Twilio's Identity Provider Issuer must be https://<host>/realms/<realm> exactly (mind /auth/ on older servers).",
    'signature-invalid': 'Copy the RS256 certificate from Realm settings > Keys into Twilio.',
    'cert-expired': 'Add a new RS256 key provider in Realm settings > Keys, make it active, and paste its certificate into Twilio.',
    'session-too-short': "Raise SSO Session Max in Realm settings > Sessions above a shift's length.",
  },
  patterns: { issuer: 'https://<host>/realms/<realm>', ssoUrl: 'https://<host>/realms/<realm>/protocol/saml' },
};
