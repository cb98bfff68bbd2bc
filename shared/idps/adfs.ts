import type { Playbook } from './types';
import { unverified } from './types';

export const adfs: Playbook = {
  id: 'adfs',
  label: 'Microsoft AD FS',
  fieldNames: {
    acsUrl: 'Relying party SAML 2.0 SSO service URL',
    entityId: 'Relying party trust identifier',
    certificate: 'Token-signing certificate (Base-64 encoded X.509 (.CER))',
    issuer: 'Federation Service identifier',
    ssoUrl: unverified('https://<your-fs>/adfs/ls/'),
    metadata: unverified('https://<your-fs>/FederationMetadata/2007-06/FederationMetadata.xml'),
  },
  spMetadataImport: 'Add Relying Party Trust > Select Data Source: "Import data about the relying party from a file" with the SP metadata XML below.',
  idpInitiated: {
    supported: true,
    how: 'https://<your-fs>/adfs/ls/IdpInitiatedSignon.aspx, after Set-AdfsProperties -EnableIdPInitiatedSignonPage $true (off by default since AD FS 2016).',
  },
  steps: [
    {
      title: 'Add a relying party trust',
      body: [
        'In AD FS Management choose Actions > Add Relying Party Trust > Claims aware > Start. Import the SP metadata XML below from a file, or choose "Enter data about the relying party manually".',
      ],
      artifacts: ['sp-metadata'],
    },
    {
      title: "Enter Twilio's values (manual entry)",
      body: [
        'Leave the token encryption certificate empty on Configure Certificate.',
        'On Configure URL tick "Enable support for the SAML 2.0 WebSSO protocol" and enter the ACS URL; on Configure Identifiers add the Entity ID.',
      ],
      values: [
        { label: 'Relying party SAML 2.0 SSO service URL', value: '{{acsUrl}}' },
        { label: 'Relying party trust identifier', value: '{{entityId}}' },
      ],
      warnings: ['AD FS ignores query strings in identifiers and matches them by prefix: never paste the ACS URL (…?connection=…) as the identifier.'],
    },
    {
      title: 'Choose who may log in',
      body: ["On Choose Access Control Policy pick a policy that permits the {{product}} users' group."],
    },
    {
      title: 'Add the claim rules',
      modes: ['flex-enhanced', 'flex-legacy'],
      body: [
        'Edit Claim Issuance Policy > Add Rule > Send LDAP Attributes as Claims (attribute store Active Directory): E-Mail-Addresses → email, Display-Name → full_name, typing the bare names into Outgoing Claim Type.',
        'Add a Transform an Incoming Claim rule making the email the Name ID.',
        'For roles add one Send Group Membership as a Claim rule per {{product}} role: pick the AD group, outgoing claim type roles, value the role name ({{roles}}).',
      ],
    },
    {
      title: 'Add the claim rules',
      modes: ['frontline'],
      body: [
        'Edit Claim Issuance Policy > Add Rule > Send LDAP Attributes as Claims (attribute store Active Directory): E-Mail-Addresses → email, typing the bare name into Outgoing Claim Type.',
        'Add a Transform an Incoming Claim rule making the email the Name ID.',
        'For roles add one Send Group Membership as a Claim rule per {{product}} role: pick the AD group, outgoing claim type roles, value the role name ({{roles}}).',
      ],
    },
    {
      title: 'Sign both response and assertion',
      body: [
        'In PowerShell: Set-AdfsRelyingPartyTrust -TargetName "{{appName}}" -SamlResponseSignature MessageAndAssertion -SignatureAlgorithm http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
      ],
    },
    {
      title: "Copy AD FS's values into Twilio",
      body: [
        'The issuer is the Federation Service identifier (Edit Federation Service Properties). The certificate: Service > Certificates > Token-signing > View Certificate > Details > Copy to File… > Base-64 encoded X.509 (.CER).',
      ],
    },
  ],
  claims: [
    { attribute: 'NameID', source: 'E-Mail-Addresses via a Transform an Incoming Claim rule', required: true },
    { attribute: 'email', source: 'LDAP E-Mail-Addresses', required: true },
    { attribute: 'full_name', source: 'LDAP Display-Name', required: true, modes: ['flex-enhanced', 'flex-legacy'] },
    { attribute: 'roles', source: 'one Send Group Membership as a Claim rule per role', required: true },
  ],
  namespaceRule: 'AD FS offers URI claim types in its drop-downs; type the bare name ({{claimNames}}) into Outgoing Claim Type instead.',
  signing: ['-SamlResponseSignature MessageAndAssertion', '-SignatureAlgorithm rsa-sha256', 'no token encryption certificate'],
  signingOptions: {
    choices: [
      { label: '-SamlResponseSignature AssertionOnly', response: false, assertion: true },
      { label: '-SamlResponseSignature MessageOnly', response: true, assertion: false },
      { label: '-SamlResponseSignature MessageAndAssertion', response: true, assertion: true },
    ],
    instruction:
      'In PowerShell run Set-AdfsRelyingPartyTrust -TargetName "<trust>" -SamlResponseSignature MessageAndAssertion (AD FS signs only the assertion unless told otherwise).',
  },
  roleAssignment: ['One AD group per {{product}} role ({{roles}}); a Send Group Membership as a Claim rule per group emits its role.'],
  whereToFindValues: [
    'Federation Service identifier: Edit Federation Service Properties',
    'Token-signing certificate: Service > Certificates',
    `SSO URL: ${unverified('https://<your-fs>/adfs/ls/')}`,
  ],
  frontlineTroubleshooting: {
    'namespaced-claim': 'In the claim rule type the bare name (email or roles) into Outgoing Claim Type instead of picking a URI type.',
  },
  troubleshooting: {
    'namespaced-claim': 'In the claim rule type the bare name (email, full_name, roles) into Outgoing Claim Type instead of picking a URI type.',
    'missing-claim': 'Edit Claim Issuance Policy and add a rule sending the claim.',
    'invalid-role': 'Check the value typed in each Send Group Membership as a Claim rule: one of the role names Twilio accepts, lowercase.',
    'assertion-encrypted': 'Remove the encryption certificate from the relying party trust (Properties > Encryption).',
    'audience-mismatch': "Relying party trust Properties > Identifiers: add exactly Twilio's Entity ID.",
    'destination-mismatch': "Relying party trust Properties > Endpoints: the SAML Assertion Consumer endpoint must be exactly Twilio's ACS URL.",
    'recipient-mismatch': "Relying party trust Properties > Endpoints: the SAML Assertion Consumer endpoint must be exactly Twilio's ACS URL.",
    'issuer-mismatch': "Paste the Federation Service identifier into Twilio's Identity Provider Issuer (not the relying party identifier).",
    'signature-invalid': 'Export the current Token-signing certificate (Base-64 encoded X.509) and paste it into Twilio.',
    'cert-expired': 'Renew the Token-signing certificate (AutoCertificateRollover or a manual switch) and paste the new one into Twilio.',
  },
};
