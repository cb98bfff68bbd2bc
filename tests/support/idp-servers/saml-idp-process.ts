/**
 * The npm package `saml-idp` (a standalone test IdP), launched as a child process on 127.0.0.1
 * with its attribute config written to a temporary file (its --configFile must be absolute).
 * Its page is a form showing the user's NameID and attributes, with a "Sign in" button.
 */
import { fileURLToPath } from 'node:url';
import { launchSamlIdpChild } from '../saml-idp-child';
import type { TestSigningKey } from './keys';
import { DEFAULT_TEST_USER, type TestUser } from './samlp-idp';

const SHIFTED_CLOCK = fileURLToPath(new URL('./shifted-clock.cjs', import.meta.url));

export interface SamlIdpProcessOptions {
  key: TestSigningKey;
  acsUrl: string;
  audience: string;
  issuer?: string;
  relayState?: string;
  user?: TestUser;
  /** Run the IdP with its clock this far ahead (negative: behind), as a badly synchronised server. */
  clockShiftMs?: number;
}

export interface RunningSamlIdp {
  origin: string;
  issuer: string;
  certPem: string;
  /** SP-initiated: HTTP-Redirect SSO endpoint. */
  ssoUrl: string;
  /** IdP-initiated: the user page. */
  initUrl: string;
  user: TestUser;
  output(): string;
  close(): Promise<void>;
}

export async function startSamlIdpProcess(options: SamlIdpProcessOptions): Promise<RunningSamlIdp> {
  const user = options.user ?? DEFAULT_TEST_USER;
  const issuer = options.issuer ?? 'urn:test:saml-idp';
  const idp = await launchSamlIdpChild({
    key: options.key,
    issuer,
    acsUrl: options.acsUrl,
    audience: options.audience,
    configFileName: 'flex-attributes.cjs',
    prettyConfig: true,
    config: {
      user: { userName: user.email, nameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress', email: user.email, full_name: user.fullName, roles: user.roles.join(',') },
      metadata: [
        { id: 'email', optional: false, displayName: 'E-Mail Address', description: 'email', multiValue: false },
        { id: 'full_name', optional: false, displayName: 'Full name', description: 'full_name', multiValue: false },
        { id: 'roles', optional: false, displayName: 'Roles', description: 'Flex roles', multiValue: true },
      ],
    },
    extraArgs: () => (options.relayState ? ['--relayState', options.relayState] : []),
    ...(options.clockShiftMs ? { nodeArgs: ['--require', SHIFTED_CLOCK], env: { FLEX_SSO_TEST_CLOCK_SHIFT_MS: String(options.clockShiftMs) } } : {}),
  });
  const { origin } = idp;
  return {
    origin,
    issuer,
    certPem: options.key.certPem,
    ssoUrl: `${origin}/saml/sso`,
    initUrl: `${origin}/`,
    user,
    output: idp.output,
    close: idp.close,
  };
}
