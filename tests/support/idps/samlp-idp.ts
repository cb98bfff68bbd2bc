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
import { escapeHtml } from '../../../shared/text';

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
  /** Post the response (and name it as Destination and Recipient) here, whatever the request asked for. */
  acsUrl?: string;
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
  /**
   * Error pages an IdP shows with HTTP 200 instead of signing in, by name: `entra` (AADSTS50105 in
   * the $Config script, as Entra serves it), `okta` (not assigned this app), `help` (an ordinary
   * sign-in form with a link about sign-in errors: not an error page).
   */
  errorPageUrls: Record<'entra' | 'okta' | 'help', string>;
  /** A page that sends the browser on to http://127.0.0.1:<port> (add ?port=, a closed one). */
  deadEndUrl: string;
  /** A page that redirects the browser (GET) to the SP's ACS URL, without a response. */
  redirectToSpUrl: string;
  /** IdP-initiated with the user already signed in, posting the response to `acsUrl` (a misconfigured ACS URL). */
  autoLoginPostingTo(acsUrl: string): string;
  /** IdP-initiated, signed in: the same response posted at once to every URL, each into its own frame. */
  scatterUrl(acsUrls: readonly string[]): string;
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
  /** Post the same response to each of these instead (scatterUrl). */
  scatter?: string[];
}

const NAMESPACE = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/';

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

/** One signed response posted to every URL at once, each form into its own frame. */
function scatterForms(acsUrls: readonly string[], samlResponse: string): string {
  const forms = acsUrls
    .map(
      (url, i) =>
        `<iframe name="f${i}"></iframe><form id="p${i}" method="post" target="f${i}" action="${escapeHtml(url)}"><input type="hidden" name="SAMLResponse" value="${escapeHtml(samlResponse)}"></form>`,
    )
    .join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><title>Posting everywhere</title><link rel="icon" href="data:,"></head>
<body>${forms}<script>for (const form of document.forms) form.submit();</script></body></html>`;
}

function postForm(acsUrl: string, samlResponse: string, relayState: string | undefined, double: boolean): string {
  const fields = `<input type="hidden" name="SAMLResponse" value="${escapeHtml(samlResponse)}">${relayState ? `<input type="hidden" name="RelayState" value="${escapeHtml(relayState)}">` : ''}`;
  const second = double ? `<form id="again" method="post" target="second-window" action="${escapeHtml(acsUrl)}">${fields}</form>` : '';
  const submit = double ? 'document.getElementById("again").submit(); document.getElementById("post").submit();' : 'document.getElementById("post").submit();';
  return `<!doctype html><html><head><meta charset="utf-8"><title>Signing you in…</title><link rel="icon" href="data:,"></head>
<body><form id="post" method="post" action="${escapeHtml(acsUrl)}">${fields}<noscript><button type="submit">Continue</button></noscript></form>${second}
<script>${submit}</script></body></html>`;
}

/** Shaped like the real pages: Entra's message sits in its $Config script; Okta's is plain HTML. */
const ERROR_PAGES: Record<string, string> = {
  entra: `<!DOCTYPE html><html dir="ltr" class="" lang="en"><head><title>Sign in to your account</title><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"><link rel="icon" href="data:,">
<script type="text/javascript">//<![CDATA[
$Config={"iErrorCode":50105,"strServiceExceptionTitle":"Sign in","strServiceExceptionMessage":"AADSTS50105: Your administrator has configured the application Twilio Flex (\\u00270c1b\\u0027) to block users unless they are specifically granted (\\u0027assigned\\u0027) access to the application. The signed in user \\u0027ada@example.com\\u0027 is blocked because they are not a direct member of a group with access, nor had access directly assigned by an administrator.","correlationId":"3f2a","sessionId":"9e1b"};
//]]></script></head>
<body data-bind="defineGlobals: ServerData"><div id="idBanner">Sign in</div><div id="error">Sorry, but we're having trouble signing you in.</div>
<script>document.getElementById('error').textContent = $Config.strServiceExceptionMessage;</script></body></html>`,
  okta: `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Twilio Flex - Error</title><link rel="icon" href="data:,"></head>
<body class="okta-container"><div class="error-content"><h1 class="error-title">Sorry, you can&#39;t access Twilio Flex because you are not assigned this app in Okta.</h1>
<p>If you&#39;re wondering why this is happening, please contact your administrator.</p><p><a href="/">Go to your Okta dashboard</a></p></div></body></html>`,
};

/** An ordinary sign-in form that mentions errors in a help link: must not end a test. */
const HELP_FORM = `<!doctype html><html><head><meta charset="utf-8"><title>Test IdP sign-in - error help</title><link rel="icon" href="data:,"></head>
<body><h1>Sign in to the test IdP</h1><form method="post" action="/login"><label>Username <input id="username" name="username"></label>
<label>Password <input id="password" name="password" type="password"></label><button id="sign-in" type="submit">Sign in</button></form>
<p><a href="https://help.example.com/sign-in-error-codes">Seeing an error? Read about sign-in errors and error codes</a></p></body></html>`;

export async function startSamlpIdp(options: SamlpIdpOptions): Promise<RunningIdp> {
  const user = options.user ?? DEFAULT_TEST_USER;
  const issuer = options.issuer ?? 'urn:test:samlp-idp';
  let bad: Misconfiguration = options.misconfiguration ?? {};
  const pending = new Map<string, Pending>();
  const requests: RunningIdp['requests'] = [];
  const app = express();
  app.use(express.urlencoded({ extended: false }));

  // A signed-in user keeps a session (cookie), so a second AuthnRequest is answered at once, as real IdPs do.
  const sessions = new Set<string>();
  const sessionOf = (cookieHeader: string | undefined): boolean => {
    const match = /(?:^|;\s*)test_idp_session=([0-9a-f]+)/.exec(cookieHeader ?? '');
    return match !== null && sessions.has(match[1]!);
  };

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
    const acsUrl = bad.acsUrl ?? entry.acsUrl ?? options.acsUrl;
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
        const encoded = Buffer.from(xml, 'utf8').toString('base64');
        res.type('html').send(entry.scatter ? scatterForms(entry.scatter, encoded) : postForm(acsUrl, encoded, entry.relayState, entry.double === true));
      },
    );
  };

  app.get('/sso', (req, res) => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    samlp.parseRequest(req, (error: Error | null, data: any) => {
      if (error || !data) {
        res
          .status(400)
          .type('html')
          .send(`<!doctype html><title>Bad request</title><p>Could not read the SAML request: ${escapeHtml(error?.message ?? 'none sent')}</p>`);
        return;
      }
      requests.push({ id: data.id, issuer: data.issuer, acsUrl: data.assertionConsumerServiceURL });
      const relayState = typeof req.query.RelayState === 'string' ? req.query.RelayState : undefined;
      const entry: Pending = { requestId: data.id, acsUrl: data.assertionConsumerServiceURL, relayState };
      if (sessionOf(req.headers.cookie)) {
        respond(entry, res, (failure?: unknown) => res.status(500).send(String(failure)));
        return;
      }
      res.type('html').send(loginForm(remember(entry)));
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
    res
      .type('html')
      .send(
        `<!doctype html><html><head><meta charset="utf-8"><title>Redirecting</title><link rel="icon" href="data:,"></head><body><script>location.href = "http://127.0.0.1:${port}/unreachable";</script></body></html>`,
      );
  });
  app.get('/to-sp', (_req, res) => {
    res.redirect(302, options.acsUrl);
  });
  // Error pages served with HTTP 200, after the login form (like the real IdPs after sign-in).
  app.post('/error-page/:kind', (req, res) => {
    const page = ERROR_PAGES[req.params.kind ?? ''];
    if (page) res.type('html').send(page);
    else res.status(404).type('html').send('<!doctype html><title>Not found</title>');
  });
  app.get('/error-page/:kind', (req, res) => {
    const kind = req.params.kind ?? '';
    if (kind === 'help') {
      res.type('html').send(HELP_FORM);
      return;
    }
    // The login form posts to the error page, as if the IdP refused the user after sign-in.
    res.type('html').send(`<!doctype html><html><head><meta charset="utf-8"><title>Sign in</title><link rel="icon" href="data:,"></head>
<body><form id="f" method="post" action="/error-page/${escapeHtml(kind)}"><input type="hidden" name="u" value="ada"></form><script>document.getElementById('f').submit();</script></body></html>`);
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
    const session = randomBytes(12).toString('hex');
    sessions.add(session);
    res.cookie('test_idp_session', session, { httpOnly: true, sameSite: 'lax' });
    respond(entry, res, next);
  });

  // An IdP where the user already has a session: it answers at once, without a form.
  app.get('/auto', (req, res, next) => {
    const acsUrl = typeof req.query.acs === 'string' ? req.query.acs : undefined;
    respond({ relayState: options.relayState, ...(acsUrl ? { acsUrl } : {}) }, res, next);
  });
  app.get('/scatter', (req, res, next) => {
    const scatter = ([] as unknown[]).concat(req.query.acs ?? []).filter((v): v is string => typeof v === 'string');
    respond({ scatter }, res, next);
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
    errorPageUrls: { entra: `${origin}/error-page/entra`, okta: `${origin}/error-page/okta`, help: `${origin}/error-page/help` },
    autoLoginUrl: `${origin}/auto`,
    deadEndUrl: `${origin}/dead-end`,
    redirectToSpUrl: `${origin}/to-sp`,
    autoLoginPostingTo: (acsUrl) => `${origin}/auto?acs=${encodeURIComponent(acsUrl)}`,
    scatterUrl: (acsUrls) => `${origin}/scatter?${acsUrls.map((url) => `acs=${encodeURIComponent(url)}`).join('&')}`,
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
