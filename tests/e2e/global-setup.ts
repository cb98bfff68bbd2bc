import { createTestTls } from '../support/test-tls';

/**
 * Before the workers start: a test-only CA whose server certificate the FAKE Microsoft sign-in
 * (https on 127.0.0.1) uses. MSAL refuses plain http, so the workers trust this CA through
 * NODE_EXTRA_CA_CERTS, as a company's own CA would be trusted; the product has no switch for it.
 */
export default function globalSetup(): () => void {
  const tls = createTestTls();
  process.env.NODE_EXTRA_CA_CERTS = tls.caFile;
  process.env.FLEX_SSO_E2E_TLS = JSON.stringify({ certPem: tls.certPem, keyPem: tls.keyPem, caPem: tls.caPem });
  return () => tls.dispose();
}
