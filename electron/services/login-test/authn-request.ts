import { randomBytes } from 'node:crypto';

export interface AuthnRequestInput {
  /** The IdP's SSO URL (HTTP-Redirect binding). */
  idpSsoUrl: string;
  /** The mode's ACS URL, sent as AssertionConsumerServiceURL. */
  acsUrl: string;
  /** The mode's Entity ID, sent as the request's Issuer. */
  entityId: string;
  relayState?: string;
}

export interface BuiltAuthnRequest {
  /** Where to send the browser: the SSO URL with SAMLRequest (and RelayState) in the query. */
  url: string;
  /** The request's ID; the response's InResponseTo must equal it. */
  requestId: string;
}

/**
 * Builds an SP-initiated AuthnRequest with @node-saml/node-saml, as Twilio would send it, and
 * keeps its ID so the analysis can check InResponseTo. node-saml is loaded only when needed.
 */
export async function buildAuthnRequest(input: AuthnRequestInput): Promise<BuiltAuthnRequest> {
  const { SAML } = await import('@node-saml/node-saml');
  const requestId = `_${randomBytes(20).toString('hex')}`;
  const saml = new SAML({
    entryPoint: input.idpSsoUrl,
    issuer: input.entityId,
    callbackUrl: input.acsUrl,
    // Required by the constructor, not used to build a request; the analysis checks the response.
    idpCert: 'not-used-for-building-requests',
    generateUniqueId: () => requestId,
    // Ask for no particular NameID format or authentication method: an IdP refusing those would
    // fail the test for a reason that has nothing to do with the Twilio setup.
    identifierFormat: null,
    disableRequestedAuthnContext: true,
  });
  const url = await saml.getAuthorizeUrlAsync(input.relayState ?? '', undefined, {});
  return { url, requestId };
}
