/**
 * Debian's SimpleSAMLphp 1.19 as a real, independent test IdP: PHP's built-in server on
 * 127.0.0.1 serving /usr/share/simplesamlphp/www, with a private configuration written for this
 * run (SIMPLESAMLPHP_CONFIG_DIR), the run's fresh signing key, and its own PHP session folder.
 * One service provider entry per variant (signing, algorithm, claim names), each with its own
 * Entity ID, so one started server serves every case of a test file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { TestSigningKey } from './keys';
import { DEFAULT_TEST_USER, type TestUser } from './samlp-idp';
import { closedPort } from './tripwire';

export const SIMPLESAMLPHP_WWW = '/usr/share/simplesamlphp/www';

/** PHP and SimpleSAMLphp, or null after printing why the tests that need them are skipped. */
export function simpleSamlPhpForTests(what: string): string | null {
  const php =
    (process.env.PATH ?? '')
      .split(delimiter)
      .map((dir) => join(dir, 'php'))
      .find((path) => existsSync(path)) ?? null;
  if (!php || !existsSync(SIMPLESAMLPHP_WWW)) {
    console.warn(`skipped: ${what}: SimpleSAMLphp is not installed (Debian/Ubuntu: apt-get install simplesamlphp php-cli php-xml php-mbstring)`);
    return null;
  }
  return php;
}

/** Claim names the IdP sends: Flex's bare names, Entra ID's default claim URIs, or bare names without roles. */
export type SimpleSamlClaims = 'bare' | 'entra' | 'no-roles';

export interface SimpleSamlSp {
  /** The SP Entity ID (the Audience of its assertions). */
  entityId: string;
  acsUrl: string;
  /** Default true: sign the Response. */
  signResponse?: boolean;
  /** Default true: sign the assertion. */
  signAssertion?: boolean;
  /** Default rsa-sha256. */
  algorithm?: 'rsa-sha256' | 'rsa-sha1';
  /** Default 'bare'. */
  claims?: SimpleSamlClaims;
  /** The roles this SP receives instead of the user's (Frontline knows only agent). */
  roles?: readonly string[];
}

export interface SimpleSamlPhpOptions {
  key: TestSigningKey;
  /** 'static': signs the user in at once, no form (exampleauth:StaticSource); 'form': SimpleSAMLphp's own login form (exampleauth:UserPass). */
  login: 'static' | 'form';
  sps: readonly SimpleSamlSp[];
  issuer?: string;
  user?: TestUser;
}

export interface RunningSimpleSamlPhp {
  origin: string;
  issuer: string;
  certPem: string;
  user: TestUser;
  /** SP-initiated: the HTTP-Redirect SSO endpoint. */
  ssoUrl: string;
  /** IdP-initiated: the same endpoint, naming the SP. */
  idpInitiatedUrl(spEntityId: string): string;
  metadataUrl: string;
  /** PHP's own output (requests, errors), for a failing test's message. */
  output(): string;
  close(): Promise<void>;
}

const ALGORITHMS = {
  'rsa-sha256': 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  'rsa-sha1': 'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
} as const;

/** Entra ID's default claim URIs for the attributes Flex needs bare. */
const ENTRA_CLAIMS = {
  email: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress',
  full_name: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name',
  roles: 'http://schemas.microsoft.com/ws/2008/06/identity/claims/role',
} as const;

/** A PHP single-quoted string literal. */
function php(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function phpArray(values: readonly string[]): string {
  return `[${values.map(php).join(', ')}]`;
}

function userAttributes(user: TestUser): string {
  return `'email' => ${phpArray([user.email])}, 'full_name' => ${phpArray([user.fullName])}, 'roles' => ${phpArray(user.roles)}`;
}

function spEntry(sp: SimpleSamlSp): string {
  const claims = sp.claims ?? 'bare';
  const kept = claims === 'no-roles' ? ['email', 'full_name'] : ['email', 'full_name', 'roles'];
  const filters = [
    `10 => ['class' => 'saml:AttributeNameID', 'attribute' => 'email', 'Format' => 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress']`,
    ...(sp.roles ? [`15 => ['class' => 'core:AttributeAdd', '%replace', 'roles' => ${phpArray(sp.roles)}]`] : []),
    `20 => ['class' => 'core:AttributeLimit', ${kept.map(php).join(', ')}]`,
    ...(claims === 'entra'
      ? [
          `30 => ['class' => 'core:AttributeMap', ${Object.entries(ENTRA_CLAIMS)
            .map(([from, to]) => `${php(from)} => ${php(to)}`)
            .join(', ')}]`,
        ]
      : []),
  ];
  return `$metadata[${php(sp.entityId)}] = [
  'AssertionConsumerService' => [['Binding' => 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST', 'Location' => ${php(sp.acsUrl)}]],
  'NameIDFormat' => 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
  'saml20.sign.response' => ${sp.signResponse === false ? 'false' : 'true'},
  'saml20.sign.assertion' => ${sp.signAssertion === false ? 'false' : 'true'},
  'signature.algorithm' => ${php(ALGORITHMS[sp.algorithm ?? 'rsa-sha256'])},
  'attributes.NameFormat' => ${php(claims === 'entra' ? 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri' : 'urn:oasis:names:tc:SAML:2.0:attrname-format:basic')},
  'authproc' => [
    ${filters.join(',\n    ')},
  ],
];
`;
}

async function waitUntilServing(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`SimpleSAMLphp (php -S) exited: ${output().slice(-2000)}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`SimpleSAMLphp did not answer ${url}: ${output().slice(-2000)}`);
}

export async function startSimpleSamlPhp(phpExecutable: string, options: SimpleSamlPhpOptions): Promise<RunningSimpleSamlPhp> {
  const user = options.user ?? DEFAULT_TEST_USER;
  const issuer = options.issuer ?? 'urn:test:simplesamlphp';
  const dir = mkdtempSync(join(tmpdir(), 'flex-sso-simplesamlphp-'));
  for (const sub of ['config', 'metadata', 'cert', 'data', 'sessions', 'log']) mkdirSync(join(dir, sub));
  const port = await closedPort();
  const origin = `http://127.0.0.1:${port}`;
  const secret = (): string => randomBytes(24).toString('hex');

  writeFileSync(join(dir, 'cert', 'idp.key'), options.key.keyPem, { mode: 0o600 });
  writeFileSync(join(dir, 'cert', 'idp.crt'), options.key.certPem);
  writeFileSync(
    join(dir, 'config', 'config.php'),
    `<?php
$config = [
  'baseurlpath' => ${php(`${origin}/`)},
  'certdir' => ${php(join(dir, 'cert') + '/')},
  'loggingdir' => ${php(join(dir, 'log') + '/')},
  'datadir' => ${php(join(dir, 'data') + '/')},
  'tempdir' => ${php(join(dir, 'data') + '/')},
  'metadatadir' => ${php(join(dir, 'metadata') + '/')},
  'secretsalt' => ${php(secret())},
  'auth.adminpassword' => ${php(secret())},
  'admin.protectindexpage' => true,
  'admin.protectmetadata' => false,
  'technicalcontact_name' => 'Flex SSO Wizard tests',
  'technicalcontact_email' => 'tests@example.org',
  'timezone' => 'UTC',
  'logging.level' => SimpleSAML\\Logger::WARNING,
  'logging.handler' => 'file',
  'logging.logfile' => 'simplesamlphp.log',
  'enable.saml20-idp' => true,
  'module.enable' => ['exampleauth' => true, 'core' => true, 'saml' => true],
  'store.type' => 'phpsession',
  'session.cookie.secure' => false,
  'session.phpsession.savepath' => ${php(join(dir, 'sessions'))},
  'metadata.sources' => [['type' => 'flatfile']],
  'language.default' => 'en',
];
`,
  );
  writeFileSync(
    join(dir, 'config', 'authsources.php'),
    `<?php
$config = [
  'admin' => ['core:AdminPassword'],
  'flex-static' => ['exampleauth:StaticSource', ${userAttributes(user)}],
  'flex-form' => ['exampleauth:UserPass', ${php(`${user.username}:${user.password}`)} => [${userAttributes(user)}]],
];
`,
  );
  writeFileSync(
    join(dir, 'metadata', 'saml20-idp-hosted.php'),
    `<?php
$metadata[${php(issuer)}] = [
  'host' => '__DEFAULT__',
  'privatekey' => 'idp.key',
  'certificate' => 'idp.crt',
  'auth' => ${php(options.login === 'static' ? 'flex-static' : 'flex-form')},
];
`,
  );
  writeFileSync(join(dir, 'metadata', 'saml20-sp-remote.php'), `<?php\n${options.sps.map(spEntry).join('\n')}`);

  let output = '';
  const child = spawn(
    phpExecutable,
    ['-d', `session.save_path=${join(dir, 'sessions')}`, '-d', 'display_errors=stderr', '-S', `127.0.0.1:${port}`, '-t', SIMPLESAMLPHP_WWW],
    {
      env: { ...process.env, SIMPLESAMLPHP_CONFIG_DIR: join(dir, 'config') },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const collect = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const close = async (): Promise<void> => {
    if (child.exitCode === null) {
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const metadataUrl = `${origin}/saml2/idp/metadata.php`;
  try {
    await waitUntilServing(metadataUrl, child, () => output);
  } catch (error) {
    await close();
    throw error;
  }
  const ssoUrl = `${origin}/saml2/idp/SSOService.php`;
  return {
    origin,
    issuer,
    certPem: options.key.certPem,
    user,
    ssoUrl,
    idpInitiatedUrl: (spEntityId) => `${ssoUrl}?spentityid=${encodeURIComponent(spEntityId)}`,
    metadataUrl,
    output: () => output,
    close,
  };
}
