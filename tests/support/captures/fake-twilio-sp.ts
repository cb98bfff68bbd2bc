/**
 * A FAKE of Twilio's sign-in side (Twilio cannot exist here): an HTTPS server on 127.0.0.1 that the
 * test browser reaches under Twilio's real host names (login.flex.us1.twilio.com, iam.twilio.com)
 * through --host-resolver-rules, so a recorded capture carries Twilio's real ACS URLs. It accepts a
 * posted SAMLResponse with a plain page, or, in "loop" mode, answers each one by sending the browser
 * back to the IdP with a new AuthnRequest (the "redirect loop back to the IdP" symptom) until it
 * gives up. It checks nothing: the product under test does.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAuthnRequest } from '../../../electron/services/login-test/authn-request';

export const TWILIO_HOSTS = ['login.flex.us1.twilio.com', 'iam.twilio.com'] as const;

export interface FakeTwilioSp {
  port: number;
  /** The --host-resolver-rules value that sends Twilio's hosts here. */
  resolverRules: string;
  /** SAMLResponse posts received. */
  posts(): number;
  /** From now on: answer each response by a new AuthnRequest to `idpSsoUrl`, `times` times. */
  loop(options: { idpSsoUrl: string; acsUrl: string; entityId: string; times: number } | null): void;
  close(): Promise<void>;
}

export async function startFakeTwilioSp(): Promise<FakeTwilioSp> {
  const dir = mkdtempSync(join(tmpdir(), 'flex-sso-fake-twilio-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-sha256',
      '-subj',
      '/CN=login.flex.us1.twilio.com',
      '-days',
      '2',
      '-addext',
      `subjectAltName=${TWILIO_HOSTS.map((h) => `DNS:${h}`).join(',')}`,
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  let posts = 0;
  let looping: { idpSsoUrl: string; acsUrl: string; entityId: string; times: number } | null = null;
  let loops = 0;
  const server: Server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (req, res) => {
    if (req.method !== 'POST') {
      res.writeHead(404, { 'content-type': 'text/html' }).end('<!doctype html><title>Not found</title>');
      return;
    }
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      if (body.includes('SAMLResponse=')) posts++;
      if (looping && loops < looping.times) {
        loops++;
        const target = looping;
        void buildAuthnRequest({ idpSsoUrl: target.idpSsoUrl, acsUrl: target.acsUrl, entityId: target.entityId }).then(({ url }) => {
          res.writeHead(302, { location: url, 'content-type': 'text/html' }).end();
        });
        return;
      }
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end('<!doctype html><html><head><title>Flex</title><link rel="icon" href="data:,"></head><body><p>Signed in (fake Twilio).</p></body></html>');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    resolverRules: TWILIO_HOSTS.map((host) => `MAP ${host} 127.0.0.1:${port}`).join(','),
    posts: () => posts,
    loop: (options) => {
      looping = options;
      loops = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        });
      }),
  };
}
