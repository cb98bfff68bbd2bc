/**
 * Auth0's `samlp` (npm, v8) mounted in an express 4 app on 127.0.0.1: a real SAML IdP with a
 * login form. Each login may ask for a "variant" (a setup mistake an admin makes, or a status
 * error), carried as a base64url JSON query parameter `variant` on the SSO URL, so one server
 * serves every scenario.
 */
import { createRequire } from 'node:module';
import type Express from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { randomBytes, X509Certificate } from 'node:crypto';
import type { TestCertificate } from './keys';
import { buildAuthnRequestUrl } from './sp';
import { captureSamlPost, getPage, parseForms, submitForm, type CapturedPost } from './http';
import { escapeHtml } from '../../../shared/text';

const require = createRequire(import.meta.url);
const express = require('express') as typeof Express;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const samlp = require('samlp') as any;

export interface SamlpUser {
  username: string;
  password: string;
  nameId: string;
  nameIdFormat?: string;
  /** SAML attributes (claim name → value or values). */
  claims: Record<string, string | string[]>;
}

export const FLEX_TEST_USER: SamlpUser = {
  username: 'grace',
  password: 'test-only password',
  nameId: 'grace.hopper@example.com',
  nameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
  claims: { email: 'grace.hopper@example.com', full_name: 'Grace Hopper', roles: ['agent', 'supervisor'] },
};

/** What one login should do differently from a correct setup. */
export interface SamlpVariant {
  signResponse?: boolean;
  signAssertion?: boolean;
  /** Audience instead of the requesting SP's Entity ID. */
  audience?: string;
  /** Destination and Recipient instead of the requested ACS URL. */
  destination?: string;
  recipient?: string;
  lifetimeInSeconds?: number;
  /** Replace the user's claims (null removes the claim). */
  claims?: Record<string, string | string[] | null>;
  nameId?: string;
  signatureAlgorithm?: 'rsa-sha256' | 'rsa-sha1';
  digestAlgorithm?: 'sha256' | 'sha1';
  /** Encrypt the assertion for this certificate (PEM). */
  encryptionCertPem?: string;
  /** Answer with an error status (no assertion), as samlp.sendError does. */
  status?: { code: string; message?: string };
  /** Overrides the IdP's issuer for this login. */
  issuer?: string;
}

export interface RunningSamlpIdp {
  origin: string;
  ssoUrl: string;
  issuer: string;
  certPem: string;
  close(): Promise<void>;
}

export async function startSamlpServer(options: { key: TestCertificate; issuer?: string; user?: SamlpUser }): Promise<RunningSamlpIdp> {
  const user = options.user ?? FLEX_TEST_USER;
  const issuer = options.issuer ?? 'urn:test:samlp-idp';
  const pending = new Map<string, { samlRequest: string; relayState?: string; variant: SamlpVariant; acsUrl?: string }>();
  const app = express();
  app.use(express.urlencoded({ extended: false, limit: '1mb' }));

  app.get('/sso', (req, res) => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    samlp.parseRequest(req, (error: Error | null, data: any) => {
      if (error || !data) {
        res.status(400).send(`bad SAML request: ${escapeHtml(error?.message ?? 'none')}`);
        return;
      }
      const variant = typeof req.query.variant === 'string' ? (JSON.parse(Buffer.from(req.query.variant, 'base64url').toString('utf8')) as SamlpVariant) : {};
      const token = randomBytes(12).toString('hex');
      pending.set(token, {
        samlRequest: String(req.query.SAMLRequest),
        relayState: typeof req.query.RelayState === 'string' ? req.query.RelayState : undefined,
        variant,
        acsUrl: data.assertionConsumerServiceURL,
      });
      res.type('html').send(`<!doctype html><title>Sign in</title><form method="post" action="/login">
<input type="hidden" name="pending" value="${token}">
<input name="username"><input name="password" type="password"><button type="submit">Sign in</button></form>`);
    });
  });

  app.post('/login', (req, res, next) => {
    const body = req.body as Record<string, string>;
    const entry = pending.get(body.pending ?? '');
    if (!entry || body.username !== user.username || body.password !== user.password) {
      res.status(401).type('html').send('<!doctype html><title>Sign in</title><p>Wrong username or password.</p>');
      return;
    }
    pending.delete(body.pending!);
    const v = entry.variant;
    const acsUrl = entry.acsUrl!;
    const claims: Record<string, string | string[]> = { ...user.claims };
    for (const [name, value] of Object.entries(v.claims ?? {})) {
      if (value === null) delete claims[name];
      else claims[name] = value;
    }
    // samlp.auth reads SAMLRequest and RelayState from the request; hand them over as a POST body.
    req.query = {};
    req.body = { SAMLRequest: entry.samlRequest, ...(entry.relayState ? { RelayState: entry.relayState } : {}) };
    const common = { issuer: v.issuer ?? issuer, RelayState: entry.relayState };
    if (v.status) {
      samlp.sendError({
        ...common,
        error: { code: v.status.code, description: v.status.message },
        getPostURL: (_req: unknown, cb: (e: null, u: string) => void) => cb(null, acsUrl),
      })(req, res, next);
      return;
    }
    samlp.auth({
      ...common,
      cert: options.key.certPem,
      key: options.key.keyPem,
      audience: v.audience,
      destination: v.destination ?? acsUrl,
      recipient: v.recipient ?? acsUrl,
      signResponse: v.signResponse ?? true,
      signAssertion: v.signAssertion ?? true,
      signatureAlgorithm: v.signatureAlgorithm ?? 'rsa-sha256',
      digestAlgorithm: v.digestAlgorithm ?? 'sha256',
      lifetimeInSeconds: v.lifetimeInSeconds ?? 3600,
      includeAttributeNameFormat: true,
      ...(v.encryptionCertPem ? { encryptionCert: v.encryptionCertPem, encryptionPublicKey: publicKeyOf(v.encryptionCertPem) } : {}),
      getPostURL: (_audience: string, _dom: unknown, _req: unknown, cb: (e: null, u: string) => void) => cb(null, acsUrl),
      getUserFromRequest: () => user,
      profileMapper: () => ({
        getClaims: () => claims,
        getNameIdentifier: () => ({ nameIdentifier: v.nameId ?? user.nameId, nameIdentifierFormat: user.nameIdFormat }),
      }),
    })(req, res, next);
  });

  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    ssoUrl: `${origin}/sso`,
    issuer,
    certPem: options.key.certPem,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function publicKeyOf(certPem: string): string {
  return new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'pem' }).toString();
}

export interface LoginResult extends CapturedPost {
  /** The id of the AuthnRequest the SP sent. */
  requestId: string;
}

/** SP-initiated login without a browser: AuthnRequest (node-saml) → login form → auto-POST form. */
export async function samlpLogin(
  idp: RunningSamlpIdp,
  sp: { entityId: string; acsUrl: string; relayState?: string },
  variant: SamlpVariant = {},
  user: Pick<SamlpUser, 'username' | 'password'> = FLEX_TEST_USER,
): Promise<LoginResult> {
  const request = await buildAuthnRequestUrl({
    ssoUrl: idp.ssoUrl,
    entityId: sp.entityId,
    acsUrl: sp.acsUrl,
    relayState: sp.relayState,
    idpCertPem: idp.certPem,
  });
  const url = new URL(request.url);
  url.searchParams.set('variant', Buffer.from(JSON.stringify(variant)).toString('base64url'));
  const page = await getPage(url.href);
  if (page.status !== 200) throw new Error(`samlp answered ${page.status}: ${page.html.slice(0, 300)}`);
  const form = parseForms(page.html, page.url)[0];
  if (!form) throw new Error('samlp showed no login form');
  const result = await submitForm(form, { username: user.username, password: user.password });
  if (result.status !== 200) throw new Error(`samlp login answered ${result.status}: ${result.html.slice(0, 300)}`);
  return { ...captureSamlPost(result.html, result.url), requestId: request.requestId };
}
