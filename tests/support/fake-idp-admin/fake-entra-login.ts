import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TestTls } from '../test-tls';

/**
 * A FAKE Microsoft identity platform (v2.0 endpoints) on https://127.0.0.1, for MSAL Node to sign in
 * against: OpenID configuration, authorize (answered at once with response_mode=form_post, as for an
 * admin already signed in who has consented), device code (pending until the test approves the user
 * code, as the admin would at the verification page), and the token endpoint for authorization
 * codes (PKCE S256 checked), device codes and refresh tokens. Microsoft publishes no machine-readable
 * description of these endpoints, so the fake follows RFC 6749 / 7636 / 8628 and Microsoft's
 * "OAuth 2.0 authorization code flow" and "device authorization grant" pages; it is a fake, named so.
 * Access tokens come from the FAKE Graph (`issueAccessToken`), so Graph accepts them.
 */

export interface FakeEntraLogin {
  /** The sign-in host, e.g. https://127.0.0.1:PORT (the product's "sign-in host" setting). */
  origin: string;
  tenantId: string;
  username: string;
  /** Approves a device code's user code, as the admin does at the verification page. */
  approveDeviceCode(userCode: string): void;
  /** Declines it (the admin chose Cancel, or may not consent). */
  declineDeviceCode(userCode: string): void;
  /** Token requests seen, by grant type. */
  grants: string[];
  /** Authorization-code redemptions whose PKCE verifier matched the S256 challenge. */
  pkceVerified: number;
  /** Scopes asked for at authorize / devicecode. */
  requestedScopes: string[][];
  /** Lifetime of the access tokens issued (MSAL refreshes those that end within 5 minutes). */
  setAccessTokenLifetime(seconds: number): void;
  /** Answer token requests with AADSTS65001 (consent required) while true. */
  setConsentRequired(required: boolean): void;
  close(): Promise<void>;
}

export interface FakeEntraLoginOptions {
  tls: TestTls;
  tenantId: string;
  issueAccessToken: (scopes: string[]) => string;
  username?: string;
}

const OIDC = new Set(['openid', 'profile', 'offline_access', 'email']);

function b64url(value: unknown): string {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
}

export async function startFakeEntraLogin(options: FakeEntraLoginOptions): Promise<FakeEntraLogin> {
  const username = options.username ?? 'admin@fake-tenant.onmicrosoft.com';
  const oid = randomUUID();
  const codes = new Map<string, { clientId: string; redirectUri: string; challenge: string; scopes: string[]; nonce: string | null }>();
  const devices = new Map<string, { userCode: string; clientId: string; scopes: string[]; approved: boolean; declined: boolean; expires: number }>();
  const refresh = new Map<string, { clientId: string; scopes: string[] }>();
  const state = { lifetime: 3600, consent: false, pkceVerified: 0 };
  const grants: string[] = [];
  const requestedScopes: string[][] = [];
  let origin = '';

  const tokens = (clientId: string, scopes: string[], nonce: string | null): Record<string, unknown> => {
    const resource = scopes.filter((s) => !OIDC.has(s));
    const now = Math.floor(Date.now() / 1000);
    const idToken = `${b64url({ typ: 'JWT', alg: 'none' })}.${b64url({ aud: clientId, iss: `${origin}/${options.tenantId}/v2.0`, tid: options.tenantId, oid, sub: oid, preferred_username: username, name: 'Fake Admin', iat: now, nbf: now, exp: now + 3600, ver: '2.0', ...(nonce ? { nonce } : {}) })}.`;
    const refreshToken = randomBytes(24).toString('base64url');
    refresh.set(refreshToken, { clientId, scopes });
    return {
      token_type: 'Bearer',
      scope: resource.join(' '),
      expires_in: state.lifetime,
      ext_expires_in: state.lifetime,
      access_token: options.issueAccessToken(resource.map((s) => s.replace(/^https?:\/\/[^/]+\//, ''))),
      refresh_token: refreshToken,
      id_token: idToken,
      client_info: b64url({ uid: oid, utid: options.tenantId }),
    };
  };
  const error = (status: number, code: string, aadsts: string, extra: Record<string, string> = {}) => ({
    status,
    body: { error: code, error_description: `${aadsts} (fake Entra sign-in)`, error_codes: [Number(aadsts.replace(/\D/g, ''))], ...extra },
  });

  const token = (form: URLSearchParams): { status: number; body: unknown } => {
    const grant = form.get('grant_type') ?? '';
    grants.push(grant);
    if (state.consent)
      return error(400, 'invalid_grant', 'AADSTS65001: The user or administrator has not consented to use the application.', { suberror: 'consent_required' });
    const clientId = form.get('client_id') ?? '';
    if (grant === 'authorization_code') {
      const entry = codes.get(form.get('code') ?? '');
      if (!entry || entry.clientId !== clientId || entry.redirectUri !== form.get('redirect_uri'))
        return error(400, 'invalid_grant', 'AADSTS70008: The provided authorization code is invalid or has expired.');
      codes.delete(form.get('code')!);
      const verifier = form.get('code_verifier') ?? '';
      if (createHash('sha256').update(verifier).digest('base64url') !== entry.challenge)
        return error(400, 'invalid_grant', 'AADSTS501481: The Code_Verifier does not match the code_challenge supplied in the authorization request.');
      state.pkceVerified += 1;
      return { status: 200, body: tokens(clientId, entry.scopes, entry.nonce) };
    }
    // RFC 8628 names the grant urn:ietf:params:oauth:grant-type:device_code; MSAL sends "device_code",
    // which Microsoft's endpoint accepts too.
    if (grant === 'urn:ietf:params:oauth:grant-type:device_code' || grant === 'device_code') {
      const device = devices.get(form.get('device_code') ?? '');
      if (!device || device.clientId !== clientId) return error(400, 'invalid_grant', 'AADSTS70019: Verification code expired.');
      if (Date.now() > device.expires)
        return error(400, 'expired_token', 'AADSTS70020: The provided value for the input parameter device_code is not valid. This device code has expired.');
      if (device.declined) return error(400, 'authorization_declined', 'AADSTS70000: The user declined the sign-in at the verification page.');
      if (!device.approved) return error(400, 'authorization_pending', 'AADSTS70016: OAuth 2.0 device flow error. Authorization is pending.');
      devices.delete(form.get('device_code')!);
      return { status: 200, body: tokens(clientId, device.scopes, null) };
    }
    if (grant === 'refresh_token') {
      const entry = refresh.get(form.get('refresh_token') ?? '');
      if (!entry || entry.clientId !== clientId) return error(400, 'invalid_grant', 'AADSTS70000: The provided grant is invalid or malformed.');
      const asked = (form.get('scope') ?? '').split(' ').filter(Boolean);
      return { status: 200, body: tokens(clientId, asked.length ? asked : entry.scopes, null) };
    }
    return error(400, 'unsupported_grant_type', 'AADSTS70003: The app requested an unsupported grant type.');
  };

  const server: Server = createServer({ cert: options.tls.certPem, key: options.tls.keyPem }, (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', origin);
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const json = (status: number, body: unknown): void => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      };
      const path = url.pathname;
      const tenantPart = path.split('/')[1] ?? '';
      if (request.method === 'GET' && path.endsWith('/v2.0/.well-known/openid-configuration')) {
        return json(200, {
          issuer: `${origin}/${options.tenantId}/v2.0`,
          authorization_endpoint: `${origin}/${tenantPart}/oauth2/v2.0/authorize`,
          token_endpoint: `${origin}/${tenantPart}/oauth2/v2.0/token`,
          device_authorization_endpoint: `${origin}/${tenantPart}/oauth2/v2.0/devicecode`,
          end_session_endpoint: `${origin}/${tenantPart}/oauth2/v2.0/logout`,
          jwks_uri: `${origin}/${tenantPart}/discovery/v2.0/keys`,
          response_modes_supported: ['query', 'fragment', 'form_post'],
          response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
          scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
          subject_types_supported: ['pairwise'],
          id_token_signing_alg_values_supported: ['RS256'],
          token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
          claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'nonce', 'tid', 'oid', 'preferred_username'],
          tenant_region_scope: 'NA',
          cloud_instance_name: 'fake.invalid',
          msgraph_host: 'graph.fake.invalid',
        });
      }
      if (request.method === 'GET' && path.endsWith('/oauth2/v2.0/authorize')) {
        const q = url.searchParams;
        const redirectUri = q.get('redirect_uri') ?? '';
        const loopback = /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?(\/.*)?$/.test(redirectUri);
        if (!loopback || q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge') || q.get('response_mode') !== 'form_post') {
          response.writeHead(400, { 'content-type': 'text/html' });
          return response.end('<!doctype html><title>Sign in</title><p>AADSTS50011: The redirect URI or PKCE parameters are not what this fake accepts.</p>');
        }
        const scopes = (q.get('scope') ?? '').split(' ').filter(Boolean);
        requestedScopes.push(scopes);
        const code = randomBytes(24).toString('base64url');
        codes.set(code, { clientId: q.get('client_id') ?? '', redirectUri, challenge: q.get('code_challenge')!, scopes, nonce: q.get('nonce') });
        const field = (name: string, value: string) => `<input type="hidden" name="${name}" value="${value.replace(/"/g, '&quot;')}">`;
        response.writeHead(200, { 'content-type': 'text/html' });
        return response.end(
          `<!doctype html><html><head><title>Working…</title></head><body><form method="POST" action="${redirectUri}">${field('code', code)}${field('state', q.get('state') ?? '')}${field('client_info', b64url({ uid: oid, utid: options.tenantId }))}</form><script>document.forms[0].submit()</script></body></html>`,
        );
      }
      if (request.method === 'POST' && path.endsWith('/oauth2/v2.0/devicecode')) {
        const scopes = (form.get('scope') ?? '').split(' ').filter(Boolean);
        requestedScopes.push(scopes);
        const userCode = randomBytes(5).toString('hex').toUpperCase().slice(0, 9);
        const deviceCode = randomBytes(24).toString('base64url');
        devices.set(deviceCode, { userCode, clientId: form.get('client_id') ?? '', scopes, approved: false, declined: false, expires: Date.now() + 900_000 });
        return json(200, {
          user_code: userCode,
          device_code: deviceCode,
          verification_uri: `${origin}/devicelogin`,
          expires_in: 900,
          interval: 1,
          message: `To sign in, use a web browser to open the page ${origin}/devicelogin and enter the code ${userCode} to authenticate.`,
        });
      }
      if (request.method === 'POST' && path.endsWith('/oauth2/v2.0/token')) {
        const answer = token(form);
        return json(answer.status, answer.body);
      }
      json(404, { error: 'not_found', error_description: `the fake has no ${request.method} ${path}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    tenantId: options.tenantId,
    username,
    approveDeviceCode: (userCode) => {
      for (const device of devices.values()) if (device.userCode === userCode) device.approved = true;
    },
    declineDeviceCode: (userCode) => {
      for (const device of devices.values()) if (device.userCode === userCode) device.declined = true;
    },
    grants,
    get pkceVerified() {
      return state.pkceVerified;
    },
    requestedScopes,
    setAccessTokenLifetime: (seconds) => void (state.lifetime = seconds),
    setConsentRequired: (required) => void (state.consent = required),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
