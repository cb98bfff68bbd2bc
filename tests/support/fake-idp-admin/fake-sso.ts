/**
 * The sign-in side of a FAKE IdP tenant (Graph, Okta, Auth0 fakes): a real SAML IdP (npm `samlp`,
 * Auth0's own library, in express) whose response is built from what the fake tenant holds after
 * the wizard's admin calls (audience, ACS, signing, claims from the tenant's own mapping rules,
 * signed with the tenant's key). So a wrong or missing setting shows up in the product's login
 * test the way a real tenant would send it.
 *
 * SP-initiated: GET <sso path>?SAMLRequest=… shows a login form (ids username / password /
 * sign-in, as the other test IdPs); IdP-initiated: GET <init path> shows it too, or answers at
 * once when the fake has a signed-in session (`signInAs`), which a headless CLI run needs.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type Express from 'express';
import { captureSamlPost, getPage, parseForms, submitForm, type CapturedPost } from '../idps/http';
import { buildAuthnRequestUrl } from '../idps/sp';
import { escapeHtml } from '../../../shared/text';

const require = createRequire(import.meta.url);
const express = require('express') as typeof Express;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const samlp = require('samlp') as any;

export interface FakeSsoAccount {
  username: string;
  password: string;
}

/** What the tenant would send for one app and user, read from the fake's state. */
export interface FakeSsoAnswer {
  issuer: string;
  key: { certPem: string; keyPem: string };
  acsUrl: string;
  audience: string;
  signResponse: boolean;
  signAssertion: boolean;
  signatureAlgorithm: 'rsa-sha256' | 'rsa-sha1';
  digestAlgorithm: 'sha256' | 'sha1';
  nameId: string;
  nameIdFormat: string;
  claims: Record<string, string | string[]>;
  relayState?: string;
}

export interface FakeSsoOptions {
  accounts: FakeSsoAccount[];
  /** The app a path signs in to, SP-initiated (with a SAMLRequest) or IdP-initiated; null: not a sign-in page. */
  appOf: (path: string) => string | null;
  /** Builds the answer for (app, user); a string is an error page the IdP shows instead (HTTP 200). */
  answer: (app: string, username: string, request: { acsUrl?: string; issuer?: string }) => Promise<FakeSsoAnswer | string>;
}

export interface FakeSso {
  /** The fake-api-server `raw` hook: true when the request is a sign-in page. */
  handle: (request: IncomingMessage, response: ServerResponse) => boolean;
  /** Who is signed in already (IdP-initiated logins then need no form); null: nobody. */
  signInAs(username: string | null): void;
}

const LOGIN_PATH = '/fake-sso/login';

function loginForm(token: string, error?: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Fake IdP sign-in</title><link rel="icon" href="data:,"></head>
<body><h1>Sign in to the fake IdP tenant</h1>
${error ? `<p id="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="${LOGIN_PATH}">
<input type="hidden" name="pending" value="${escapeHtml(token)}">
<label>Username <input id="username" name="username" autocomplete="username"></label>
<label>Password <input id="password" name="password" type="password" autocomplete="current-password"></label>
<button id="sign-in" type="submit">Sign in</button>
</form></body></html>`;
}

function postForm(acsUrl: string, samlResponse: string, relayState: string | undefined): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Signing you in…</title><link rel="icon" href="data:,"></head>
<body><form id="post" method="post" action="${escapeHtml(acsUrl)}"><input type="hidden" name="SAMLResponse" value="${escapeHtml(samlResponse)}">${relayState ? `<input type="hidden" name="RelayState" value="${escapeHtml(relayState)}">` : ''}<noscript><button type="submit">Continue</button></noscript></form>
<script>document.getElementById("post").submit();</script></body></html>`;
}

interface Pending {
  app: string;
  requestId?: string;
  acsUrl?: string;
  issuer?: string;
  relayState?: string;
}

export function createFakeSso(options: FakeSsoOptions): FakeSso {
  const pending = new Map<string, Pending>();
  let session: string | null = null;
  const app = express();
  app.use(express.urlencoded({ extended: false }));

  const respond = async (entry: Pending, username: string, res: Express.Response): Promise<void> => {
    const answer = await options.answer(entry.app, username, {
      ...(entry.acsUrl ? { acsUrl: entry.acsUrl } : {}),
      ...(entry.issuer ? { issuer: entry.issuer } : {}),
    });
    if (typeof answer === 'string') {
      res.type('html').send(answer);
      return;
    }
    const xml = await new Promise<string>((resolve, reject) =>
      samlp.getSamlResponse(
        {
          issuer: answer.issuer,
          cert: answer.key.certPem,
          key: answer.key.keyPem,
          audience: answer.audience,
          recipient: answer.acsUrl,
          destination: answer.acsUrl,
          inResponseTo: entry.requestId,
          signResponse: answer.signResponse,
          signAssertion: answer.signAssertion,
          signatureAlgorithm: answer.signatureAlgorithm,
          digestAlgorithm: answer.digestAlgorithm,
          lifetimeInSeconds: 3600,
          includeAttributeNameFormat: true,
          profileMapper: () => ({
            getClaims: () => answer.claims,
            getNameIdentifier: () => ({ nameIdentifier: answer.nameId, nameIdentifierFormat: answer.nameIdFormat }),
          }),
        },
        { id: username },
        (error: Error | null, result: string) => (error ? reject(error) : resolve(result)),
      ),
    );
    res.type('html').send(postForm(answer.acsUrl, Buffer.from(xml, 'utf8').toString('base64'), entry.relayState ?? answer.relayState));
  };

  const start = (entry: Pending, res: Express.Response, next: Express.NextFunction): void => {
    if (session && !entry.requestId) {
      respond(entry, session, res).catch(next);
      return;
    }
    const token = randomBytes(12).toString('hex');
    pending.set(token, entry);
    res.type('html').send(loginForm(token));
  };

  app.post(LOGIN_PATH, (req, res, next) => {
    const body = req.body as Record<string, string>;
    const entry = pending.get(body.pending ?? '');
    if (!entry) {
      res.status(400).type('html').send('<!doctype html><title>Session expired</title><p>This sign-in page has expired.</p>');
      return;
    }
    const account = options.accounts.find((a) => a.username === body.username && a.password === body.password);
    if (!account) {
      res.type('html').send(loginForm(body.pending!, 'Wrong username or password.'));
      return;
    }
    pending.delete(body.pending!);
    respond(entry, account.username, res).catch(next);
  });

  app.get('*', (req, res, next) => {
    const target = options.appOf(req.path);
    if (!target) return next();
    const relayState = typeof req.query.RelayState === 'string' ? req.query.RelayState : undefined;
    if (typeof req.query.SAMLRequest !== 'string') {
      start({ app: target, ...(relayState ? { relayState } : {}) }, res, next);
      return;
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    samlp.parseRequest(req, (error: Error | null, data: any) => {
      if (error || !data) {
        res
          .status(400)
          .type('html')
          .send(`<!doctype html><title>Bad request</title><p>Could not read the SAML request: ${escapeHtml(error?.message ?? 'none sent')}</p>`);
        return;
      }
      start(
        { app: target, requestId: data.id, acsUrl: data.assertionConsumerServiceURL, issuer: data.issuer, ...(relayState ? { relayState } : {}) },
        res,
        next,
      );
    });
  });

  return {
    handle: (request, response) => {
      const path = new URL(request.url ?? '/', 'http://fake').pathname;
      if (path !== LOGIN_PATH && !(request.method === 'GET' && options.appOf(path))) return false;
      app(request as Express.Request, response as Express.Response, () => {
        response.statusCode = 404;
        response.end();
      });
      return true;
    },
    signInAs: (username) => {
      session = username;
    },
  };
}

/** An SP-initiated login at a fake tenant without a browser: AuthnRequest → form → the auto-POST form's response. */
export async function fakeSsoLogin(ssoUrl: string, sp: { entityId: string; acsUrl: string; certPem: string }, account: FakeSsoAccount): Promise<CapturedPost> {
  const request = await buildAuthnRequestUrl({ ssoUrl, entityId: sp.entityId, acsUrl: sp.acsUrl, idpCertPem: sp.certPem });
  const page = await getPage(request.url);
  const form = parseForms(page.html, page.url)[0];
  if (page.status !== 200 || !form) throw new Error(`the fake tenant showed no login form (${page.status}): ${page.html.slice(0, 300)}`);
  const result = await submitForm(form, { username: account.username, password: account.password });
  return captureSamlPost(result.html, result.url);
}
