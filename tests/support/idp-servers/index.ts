export { createTestSigningKey, type TestSigningKey } from './keys';
export { startSamlpIdp, DEFAULT_TEST_USER, type Misconfiguration, type RunningIdp, type SamlpIdpOptions, type TestUser } from './samlp-idp';
export { startSamlIdpProcess, type RunningSamlIdp, type SamlIdpProcessOptions } from './saml-idp-process';
export { startTripwire, closedPort, type Tripwire } from './tripwire';
