import type { Playbook } from './types';
import { unverified } from './types';

export const google: Playbook = {
  id: 'google',
  label: 'Google Workspace',
  fieldNames: {
    acsUrl: 'ACS URL',
    entityId: 'Entity ID',
    certificate: 'Certificate',
    issuer: 'Entity ID (in Google Identity Provider details)',
    ssoUrl: 'SSO URL',
    metadata: 'DOWNLOAD METADATA',
  },
  idpInitiated: {
    supported: false,
    how: 'Twilio does not support IdP-initiated login into Flex from Google Workspace; users start at the Flex login page. (Older Twilio pages said the opposite; test it before relying on either.)',
  },
  steps: [
    {
      title: 'Create the custom attributes',
      body: [
        'In the Admin console open Directory > Users > More options > Manage custom attributes (admin.google.com/ac/customschema) > ADD CUSTOM ATTRIBUTE.',
        'Create a category such as "Flex" with a Roles field (Text, visible to admin, Multi-value) and a Full name field (Text, Single value). Then fill in each user\'s roles and full name.',
      ],
      modes: ['flex-enhanced', 'flex-legacy'],
    },
    {
      title: 'Create the custom attribute',
      modes: ['frontline'],
      body: ['Create a category such as "Frontline" with a Roles field (Text, Multi-value), and give each Frontline user the value agent.'],
    },
    {
      title: 'Add a custom SAML app',
      body: [
        'Open Apps > Web and mobile apps > Add app > Add custom SAML app, name it "{{appName}}" and Continue.',
        'On Google Identity Provider details either DOWNLOAD METADATA or copy the SSO URL, the Entity ID and download the Certificate; they go to Twilio. Continue.',
      ],
    },
    {
      title: "Enter Twilio's values in Service provider details",
      body: ['Fill in the fields below, tick Signed response, and Continue. Leave Start URL empty.'],
      values: [
        { label: 'ACS URL', value: '{{acsUrl}}' },
        { label: 'Entity ID', value: '{{entityId}}' },
        { label: 'Name ID format', value: 'EMAIL' },
        { label: 'Name ID', value: 'Basic Information > Primary email' },
      ],
    },
    {
      title: 'Map the attributes',
      body: ['On Attribute mapping add the rows below (app attribute names are case-sensitive), then Finish.'],
      artifacts: ['google-attribute-mapping'],
    },
    {
      title: 'Turn the app on',
      body: [
        'Open the app > User access, set it ON for everyone or for the organizational units (or groups) that use {{product}}, and Save. It is off by default.',
      ],
    },
  ],
  claims: [
    { attribute: 'NameID', source: 'Basic Information > Primary email', required: true },
    { attribute: 'email', source: 'Basic Information > Primary email', required: true },
    { attribute: 'full_name', source: 'Flex > Full name (custom attribute)', required: true, modes: ['flex-enhanced', 'flex-legacy'] },
    { attribute: 'roles', source: 'Flex > Roles (custom multi-value attribute)', required: true, modes: ['flex-enhanced', 'flex-legacy'] },
    { attribute: 'roles', source: 'Frontline > Roles (custom attribute holding agent)', required: true, modes: ['frontline'] },
  ],
  signing: [
    'Signed response: ticked (Google then signs the whole response rather than the assertion alone)',
    'Google signs with SHA-256; it offers no encryption',
  ],
  signingOptions: {
    choices: [
      { label: 'Signed response (unticked)', response: false, assertion: true },
      { label: 'Signed response', response: true, assertion: false },
    ],
    instruction: "In the app's Service provider details tick Signed response (Google then signs the whole response).",
  },
  roleAssignment: [
    'Roles are a multi-value custom user attribute, set per user in Directory > Users > the user > User information.',
    'Alternatively map group membership to roles on the Attribute mapping page; the group names must then be the role names.',
  ],
  whereToFindValues: [
    'Apps > Web and mobile apps > the app > Download metadata (or Google Identity Provider details while creating it): SSO URL, Entity ID, Certificate',
  ],
  frontlineTroubleshooting: {
    'namespaced-claim': 'On Attribute mapping type the App attribute exactly as email or roles, without any prefix.',
  },
  troubleshooting: {
    'namespaced-claim': 'On Attribute mapping type the App attribute exactly as email, full_name, roles, without any prefix.',
    'missing-claim': 'Add the row on Attribute mapping and check the user has a value in the custom attribute.',
    'invalid-role': "Fix the user's Roles custom attribute: one value per role, each one of the role names Twilio accepts, lowercase.",
    'invalid-attribute-type': "Fix the custom attribute's value so it fits the type in the App attribute name.",
    'audience-mismatch': "Service provider details: Entity ID must be exactly Twilio's Entity ID.",
    'destination-mismatch': "Service provider details: ACS URL must be exactly Twilio's ACS URL.",
    'recipient-mismatch': "Service provider details: ACS URL must be exactly Twilio's ACS URL.",
    'issuer-mismatch':
      "Copy the Entity ID from Google Identity Provider details (https://accounts.google.com/o/saml2?idpid=…) into Twilio's Identity Provider Issuer.",
    'signature-invalid': "Download the certificate again from the app's Google Identity Provider details and paste it into Twilio.",
    'cert-expired': `Security > ${unverified('Authentication > SSO with SAML applications')}: create a new certificate, switch the app to it, and paste it into Twilio.`,
    'invalid-nameid-policy': 'Service provider details: Name ID format EMAIL, Name ID Primary email.',
    'status-error': "Check the app is ON for the user's organizational unit under User access.",
  },
  patterns: {
    issuer: 'https://accounts.google.com/o/saml2?idpid=<id>',
    ssoUrl: 'https://accounts.google.com/o/saml2/idp?idpid=<id>',
  },
};
