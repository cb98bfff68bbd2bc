/**
 * Real SAML identity providers for tests, started on 127.0.0.1, and the tools around them.
 *
 *   const key = await createTestCertificate();                 // test-only key + self-signed cert
 *   const idp = await startSamlpIdp({ key });                  // samlp 8 in express 4
 *   const login = await samlpLogin(idp, { entityId, acsUrl }, { signResponse: false });
 *   login.xml / login.samlResponse / login.postBody / login.requestId / login.relayState
 *   const proc = await startSamlIdp({ key, acsUrl, audience }); // saml-idp as a child process
 *   const login2 = await samlIdpLogin(proc, { entityId, acsUrl });
 *   xmlsecVerify(login.xml, key.certPem, 'Response' | 'Assertion')  // independent check
 *   await idp.close(); await proc.close(); key.dispose();
 */
export { createTestCertificate, type TestCertificate, type TestCertificateOptions } from './keys';
export { startSamlpIdp, samlpLogin, FLEX_TEST_USER, type SamlpUser, type SamlpVariant, type RunningSamlpIdp, type LoginResult } from './samlp-server';
export { startSamlIdp, samlIdpLogin, FLEX_ATTRIBUTES, type SamlIdpOptions, type SamlIdpAttribute, type RunningSamlIdp } from './saml-idp-process';
export { buildAuthnRequestUrl } from './sp';
export { parseForms, captureSamlPost, getPage, submitForm, type HtmlForm, type CapturedPost } from './http';
export { xmlsecVerify, resign, editXml, wrapAssertionInExtensions, appendForgedAssertion, wrapResponse, setNameId } from './xml-tools';
export { buildResponse, buildAdviceAssertion, signElement, signResponse, BUILT_RESPONSE_ISSUER, type ResponseParts, type SignOptions } from './build-response';
