/**
 * Real SAML identity providers for tests, started on 127.0.0.1, and the tools around them (one tree).
 *
 * For a login through a real browser (the login test, captures, the wizard's e2e):
 *   const key = createTestSigningKey();                        // test-only key + two-day certificate
 *   const idp = await startSamlpIdp({ key, acsUrl, audience }); // samlp in express, with a login form
 *   idp.misconfigure({ audience: 'urn:wrong' });               // what a misconfigured IdP sends
 *   const proc = await startSamlIdpProcess({ key, acsUrl, audience }); // saml-idp as a child process
 *   const php = await startSimpleSamlPhp(…); const trip = await startTripwire();
 *
 * For a login over HTTP, no browser (the analysis):
 *   const cert = await createTestCertificate({ notAfter });    // any validity window
 *   const server = await startSamlpServer({ key: cert });      // samlp 8 in express 4
 *   const login = await samlpLogin(server, { entityId, acsUrl }, { signResponse: false });
 *   const saml = await startSamlIdp({ key: cert, acsUrl, audience }); const login2 = await samlIdpLogin(saml, { entityId, acsUrl });
 *   xmlsecVerify(login.xml, cert.certPem, 'Response' | 'Assertion')  // independent check
 *   buildResponse(…), signResponse(…)                          // responses no IdP here sends
 */
export { createTestSigningKey, createTestCertificate, type TestSigningKey, type TestCertificate, type TestCertificateOptions } from './keys';
export { startSamlpIdp, DEFAULT_TEST_USER, type Misconfiguration, type RunningIdp, type SamlpIdpOptions, type TestUser } from './samlp-idp';
export { startSamlpServer, samlpLogin, FLEX_TEST_USER, type SamlpUser, type SamlpVariant, type RunningSamlpIdp, type LoginResult } from './samlp-server';
export {
  startSamlIdp,
  samlIdpLogin,
  startSamlIdpProcess,
  FLEX_ATTRIBUTES,
  type SamlIdpOptions,
  type SamlIdpAttribute,
  type RunningSamlIdp,
  type RunningSamlIdpProcess,
  type SamlIdpProcessOptions,
} from './saml-idp';
export { startTripwire, closedPort, type Tripwire } from './tripwire';
export { buildAuthnRequestUrl } from './sp';
export { parseForms, captureSamlPost, getPage, submitForm, type HtmlForm, type CapturedPost } from './http';
export { xmlsecVerify, resign, editXml, wrapAssertionInExtensions, appendForgedAssertion, wrapResponse, setNameId } from './xml-tools';
export { buildResponse, buildAdviceAssertion, signElement, signResponse, BUILT_RESPONSE_ISSUER, type ResponseParts, type SignOptions } from './build-response';
