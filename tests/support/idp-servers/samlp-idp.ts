/**
 * A real SAML identity provider for browser tests: npm `samlp` 8 (Auth0's SAML IdP middleware)
 * inside an express 4 app with an HTML login form, on 127.0.0.1. It can be told to make the
 * mistakes admins make when they set up Flex SSO.
 */
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type Express from 'express';
import type { NextFunction, Response } from 'express';
import type { TestSigningKey } from './keys';

const require = createRequire(import.meta.url);
const express = require('express') as typeof Express;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const samlp = require('samlp') as any;

export interface TestUser {
  username: string;
  password: string;
  email: string;
  fullName: string;
  roles: string[];
}

export const DEFAULT_TEST_USER: TestUser = {
  username: 'ada',
  password: 'correct horse battery staple',
  email: 'ada.lovelace@example.com',
  fullName: 'Ada Lovelace',
  roles: ['agent', 'supervisor'],
};

/** The setup mistakes this IdP can make. */
export interface Misconfiguration {
  /** Claim names with a URI namespace, as Entra ID sends them by default. */
  namespacedClaims?: boolean;
  /** No `roles` claim at all. */
  noRoles?: boolean;
  /** Send this Audience instead of the SP's Entity ID. */
  audience?: string;
  /** Sign only the assertion, not the response. */
  unsignedResponse?: boolean;
  /** An assertion whose validity ended before it was sent. */
  expired?: boolean;
  /** A typed attribute whose value does not fit its type. */
  invalidTypedAttribute?: boolean;
}

export interface SamlpIdpOptions {
  key: TestSigningKey;
  /** Where IdP-initiated responses go, and the default Audience. */
  acsUrl: string;
  audience: string;
  issuer?: string;
  user?: TestUser;
  misconfiguration?: Misconfiguration;
  /** RelayState sent with IdP-initiated responses. */
  relayState?: string;
}

export interface RunningIdp {
  origin: string;
  issuer: string;
  certPem: string;
  /** SP-initiated: send the AuthnRequest here (HTTP-Redirect binding). */
  ssoUrl: string;
  /** IdP-initiated: the launch link. */
  initUrl: string;
  /** A page that opens the login in a popup when its button is clicked. */
  popupLauncherUrl: string;
  /** IdP-initiated login whose result page posts the response twice (main window and a popup). */
  doublePostUrl: string;
  /** IdP-initiated, with the user already signed in: the response is posted without a form. */
  autoLoginUrl: string;
  /** A page the IdP answers with HTTP 500. */
  errorUrl: string;
  /** A page that sends the browser on to http://127.0.0.1:<port> (add ?port=, a closed one). */
  deadEndUrl: string;
  /** A page that redirects the browser (GET) to the SP's ACS URL, without a response. */
  redirectToSpUrl: string;
  /** AuthnRequests received (id, issuer, ACS). */
  requests: Array<{ id?: string; issuer?: string; acsUrl?: string }>;
  /** Changes the mistakes the IdP makes from the next login on. */
  misconfigure(misconfiguration: Misconfiguration): void;
  close(): Promise<void>;
}

interface Pending {
  requestId?: string;
  acsUrl?: string;
  relayState?: string;
  double?: boolean;
}

const NAMESPACE = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function loginForm(token: string, error?: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Test IdP sign-in</title><link rel="icon" href="data:,"></head>
<body><h1>Sign in to the test IdP</h1>
${error ? `<p id="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/login">
<input type="hidden" name="pending" value="${escapeHtml(token)}">
<label>Username <input id="username" name="username" autocomplete="username"></label>
<label>Password <input id="password" name="password" type="password" autocomplete="current-password"></label>
<button id="sign-in" type="submit">Sign in</button>
</form></body></html>`;
}

function postForm(acsUrl: string, samlResponse: string, relayState: string | undefined, double: boolean): string {
  const fields = `<input type="hidden" name="SAMLResponse" value="${escapeHtml(samlResponse)}">${relayState ? `<input type="hidden" name="RelayState" value="${escapeHtml(relayState)}">` : ''}`;
  const second = double ? `<form id="again" method="post" target="second-window" action="${escapeHtml(acsUrl)}">${fields}</form>` : '';
  const submit = double ? 'document.getElementById("again").submit(); document.getElementById("post").submit();' : 'document.getElementById("post").submit();';
  return `<!doctype html><html><head><meta charset="utf-8"><title>Signing you in…</title><link rel="icon" href="data:,"></head>
<body><form id="post" method="post" action="${escapeHtml(acsUrl)}">${fields}<noscript><button type="submit">Continue</button></noscript></form>${second}
<script>${submit}</script></body></html>`;
}

export async function startSamlpIdp(options: SamlpIdpOptions): Promise<RunningIdp> {
  const user = options.user ?? DEFAULT_TEST_USER;
  const issuer = options.issuer ?? 'urn:test:samlp-idp';
  let bad: Misconfiguration = options.misconfiguration ?? {};
  const pending = new Map<string, Pending>();
  const requests: RunningIdp['requests'] = [];
  const app = express();
  app.use(express.urlencoded({ extended: false }));

  const remember = (entry: Pending): string => {
    const token = randomBytes(12).toString('hex');
    pending.set(token, entry);
    return token;
  };

  const respond = (entry: Pending, res: Response, next: NextFunction): void => {
    const claim = (name: string): string => (bad.namespacedClaims ? `${NAMESPACE}${name}` : name);
    const claims: Record<string, string | string[]> = {
      [claim('email')]: user.email,
      [claim('full_name')]: user.fullName,
    };
    if (!bad.noRoles) claims[claim('roles')] = user.roles;
    if (bad.invalidTypedAttribute) claims['skill_level.int'] = 'expert';
    const acsUrl = entry.acsUrl ?? options.acsUrl;
    samlp.getSamlResponse(
      {
        issuer,
        cert: options.key.certPem,
        key: options.key.keyPem,
        audience: bad.audience ?? options.audience,
        recipient: acsUrl,
        destination: acsUrl,
        inResponseTo: entry.requestId,
        signResponse: !bad.unsignedResponse,
        signatureAlgorithm: 'rsa-sha256',
        digestAlgorithm: 'sha256',
        lifetimeInSeconds: bad.expired ? -600 : 3600,
        includeAttributeNameFormat: true,
        profileMapper: () => ({
          getClaims: () => claims,
          getNameIdentifier: () => ({ nameIdentifier: user.email, nameIdentifierFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress' }),
        }),
      },
      user,
      (error: Error | null, xml: string) => {
        if (error) {
          next(error);
          return;
        }
        res.type('html').send(postForm(acsUrl, Buffer.from(xml, 'utf8').toString('base64'), entry.relayState, entry.double === true));
      },
    );
  };

  app.get('/sso', (req, res) => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    samlp.parseRequest(req, (error: Error | null, data: any) => {
      if (error || !data) {
        res.status(400).type('html').send(`<!doctype html><title>Bad request</title><p>Could not read the SAML request: ${escapeHtml(error?.message ?? 'none sent')}</p>`);
        return;
      }
      requests.push({ id: data.id, issuer: data.issuer, acsUrl: data.assertionConsumerServiceURL });
      const relayState = typeof req.query.RelayState === 'string' ? req.query.RelayState : undefined;
      res.type('html').send(loginForm(remember({ requestId: data.id, acsUrl: data.assertionConsumerServiceURL, relayState })));
    });
  });
  app.get('/init', (_req, res) => {
    res.type('html').send(loginForm(remember({ relayState: options.relayState })));
  });
  app.get('/init-double', (_req, res) => {
    res.type('html').send(loginForm(remember({ relayState: options.relayState, double: true })));
  });
  app.get('/launcher', (_req, res) => {
    res.type('html').send(`<!doctype html><html><head><meta charset="utf-8"><title>Test IdP apps</title><link rel="icon" href="data:,"></head>
<body><h1>Your apps</h1><button id="open-flex" onclick="window.open('/init', 'flex-login', 'width=600,height=600')">Twilio Flex</button></body></html>`);
  });
  app.get('/dead-end', (req, res) => {
    const port = Number(req.query.port ?? 1);
    res.type('html').send(`<!doctype html><html><head><meta charset="utf-8"><title>Redirecting</title><link rel="icon" href="data:,"></head><body><script>location.href = "http://127.0.0.1:${port}/unreachable";</script></body></html>`);
  });
  app.get('/to-sp', (_req, res) => {
    res.redirect(302, options.acsUrl);
  });
  app.get('/broken', (_req, res) => {
    res.status(500).type('html').send('<!doctype html><title>Server error</title><h1>Something went wrong at the test IdP</h1>');
  });

  app.post('/login', (req, res, next) => {
    const body = req.body as Record<string, string>;
    const entry = pending.get(body.pending ?? '');
    if (!entry) {
      res.status(400).type('html').send('<!doctype html><title>Session expired</title><p>This sign-in page has expired.</p>');
      return;
    }
    if (body.username !== user.username || body.password !== user.password) {
      res.type('html').send(loginForm(body.pending!, 'Wrong username or password.'));
      return;
    }
    pending.delete(body.pending!);
    respond(entry, res, next);
  });

  // An IdP where the user already has a session: it answers at once, without a form.
  app.get('/auto', (_req, res, next) => {
    respond({ relayState: options.relayState }, res, next);
  });

  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    issuer,
    certPem: options.key.certPem,
    ssoUrl: `${origin}/sso`,
    initUrl: `${origin}/init`,
    popupLauncherUrl: `${origin}/launcher`,
    doublePostUrl: `${origin}/init-double`,
    errorUrl: `${origin}/broken`,
    autoLoginUrl: `${origin}/auto`,
    deadEndUrl: `${origin}/dead-end`,
    redirectToSpUrl: `${origin}/to-sp`,
    requests,
    misconfigure: (misconfiguration) => {
      bad = misconfiguration;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
