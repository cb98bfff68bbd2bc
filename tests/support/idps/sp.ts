/** The service-provider side of a test login: an AuthnRequest built by node-saml, as the product does. */
import { SAML } from '@node-saml/node-saml';

export interface AuthnRequestUrl {
  url: string;
  requestId: string;
}

/** A redirect-binding sign-in URL for `ssoUrl`, issued as `entityId` with `acsUrl`. */
export async function buildAuthnRequestUrl(options: {
  ssoUrl: string;
  entityId: string;
  acsUrl: string;
  relayState?: string;
  idpCertPem: string;
}): Promise<AuthnRequestUrl> {
  let requestId = '';
  const saml = new SAML({
    entryPoint: options.ssoUrl,
    issuer: options.entityId,
    callbackUrl: options.acsUrl,
    idpCert: options.idpCertPem,
    validateInResponseTo: 'always' as never,
    cacheProvider: {
      saveAsync: async (key: string, value: string) => {
        requestId = key;
        return { value, createdAt: Date.now() };
      },
      getAsync: async () => null,
      removeAsync: async () => null,
    },
  });
  const url = await saml.getAuthorizeUrlAsync(options.relayState ?? '', undefined, {});
  return { url, requestId };
}
