/**
 * The npm package `saml-idp` (a standalone SAML test IdP built on samlp), run as a child process
 * on 127.0.0.1 (./saml-idp-child.ts). Its sign-in page is a form with the user's NameID and
 * attributes. Two ways to start it: startSamlIdp() with chosen attributes, signing and encryption
 * (for the analysis, logged in over HTTP by samlIdpLogin()), and startSamlIdpProcess() for a test
 * user signed in through a real browser (the login test), optionally with its clock shifted.
 */
import { X509Certificate } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchSamlIdpChild } from './saml-idp-child';
import type { TestCertificate, TestSigningKey } from './keys';
import { DEFAULT_TEST_USER, type TestUser } from './samlp-idp';
import { buildAuthnRequestUrl } from './sp';
import { captureSamlPost, getPage, parseForms, submitForm } from './http';
import type { LoginResult } from './samlp-server';

export interface SamlIdpAttribute {
  id: string;
  value: string;
  multiValue?: boolean;
}

export interface SamlIdpOptions {
  key: TestCertificate;
  acsUrl: string;
  audience: string;
  issuer?: string;
  /** saml-idp signs the response by default (and always the assertion). */
  signResponse?: boolean;
  /** Encrypt the assertion for this certificate. */
  encryptionCert?: TestCertificate;
  nameId?: string;
  attributes?: SamlIdpAttribute[];
}

export interface RunningSamlIdp {
  origin: string;
  /** SP-initiated: the HTTP-Redirect SSO endpoint. */
  ssoUrl: string;
  /** IdP-initiated: the user page. */
  initUrl: string;
  issuer: string;
  certPem: string;
  output(): string;
  close(): Promise<void>;
}

export const FLEX_ATTRIBUTES: SamlIdpAttribute[] = [
  { id: 'email', value: 'katherine.johnson@example.com' },
  { id: 'full_name', value: 'Katherine Johnson' },
  { id: 'roles', value: 'agent', multiValue: true },
];

export async function startSamlIdp(options: SamlIdpOptions): Promise<RunningSamlIdp> {
  const issuer = options.issuer ?? 'urn:test:saml-idp';
  const attributes = options.attributes ?? FLEX_ATTRIBUTES;
  const nameId = options.nameId ?? 'katherine.johnson@example.com';
  const user: Record<string, string> = { userName: nameId, nameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress' };
  for (const a of attributes) user[a.id] = a.value;
  const encryptionCert = options.encryptionCert;
  const idp = await launchSamlIdpChild({
    key: options.key,
    issuer,
    acsUrl: options.acsUrl,
    audience: options.audience,
    configFileName: 'profile.cjs',
    config: {
      user,
      metadata: attributes.map((a) => ({ id: a.id, optional: false, displayName: a.id, description: a.id, multiValue: a.multiValue === true })),
    },
    extraArgs: (dir) => [
      '--signResponse',
      String(options.signResponse ?? true),
      ...(encryptionCert
        ? ['--encryptAssertion', 'true', '--encryptionCert', encryptionCert.certFile, '--encryptionPublicKey', writePublicKey(dir, encryptionCert)]
        : []),
    ],
  });
  return {
    origin: idp.origin,
    ssoUrl: `${idp.origin}/saml/sso`,
    initUrl: `${idp.origin}/`,
    issuer,
    certPem: options.key.certPem,
    output: idp.output,
    close: idp.close,
  };
}

function writePublicKey(dir: string, cert: TestCertificate): string {
  const file = join(dir, 'encryption-public-key.pem');
  writeFileSync(file, new X509Certificate(cert.certPem).publicKey.export({ type: 'spki', format: 'pem' }).toString());
  return file;
}

/** SP-initiated login without a browser: AuthnRequest (node-saml) → saml-idp's user form → auto-POST form. */
export async function samlIdpLogin(idp: RunningSamlIdp, sp: { entityId: string; acsUrl: string; relayState?: string }): Promise<LoginResult> {
  const request = await buildAuthnRequestUrl({
    ssoUrl: idp.ssoUrl,
    entityId: sp.entityId,
    acsUrl: sp.acsUrl,
    relayState: sp.relayState,
    idpCertPem: idp.certPem,
  });
  const page = await getPage(request.url);
  if (page.status !== 200) throw new Error(`saml-idp answered ${page.status}: ${page.html.slice(0, 300)}`);
  const form = parseForms(page.html, page.url).find((f) => f.action.endsWith('/signin'));
  if (!form) throw new Error(`saml-idp showed no sign-in form: ${page.html.slice(0, 300)}`);
  const result = await submitForm(form);
  if (result.status !== 200)
    throw new Error(
      `saml-idp sign-in answered ${result.status}: ${result.html
        .replace(/<[^>]*>/g, ' ')
        .replace(/\s+/g, ' ')
        .slice(0, 600)}`,
    );
  return { ...captureSamlPost(result.html, result.url), requestId: request.requestId };
}

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

/** saml-idp started for a test user who signs in through a browser. */
export interface RunningSamlIdpProcess extends RunningSamlIdp {
  user: TestUser;
}

export async function startSamlIdpProcess(options: SamlIdpProcessOptions): Promise<RunningSamlIdpProcess> {
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
      user: {
        userName: user.email,
        nameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
        email: user.email,
        full_name: user.fullName,
        roles: user.roles.join(','),
      },
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
