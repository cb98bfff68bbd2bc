/**
 * Bad captures: a clear message and exit status 2 (one line on stderr, no stack trace), never a
 * crash, and memory that does not grow with the file: the CLI reads a HAR holding a 100 MB entry
 * with a 160 MB heap, where JSON.parse alone would need several times that.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spValues } from '../../shared/domain/modes';
import { CLI_BUNDLE, ensureCliBuilt, REPO_ROOT, runCli } from '../support/cli';
import { createTestSigningKey, type TestSigningKey } from '../support/idps';
import { base64, har, harEntry, signedResponse } from '../support/captures/build';

const SP = spValues('flex-enhanced', { connectionId: 'JQ0123456789abcdef0123456789abcdef' });

describe('bad captures', () => {
  let dir: string;
  let key: TestSigningKey;
  let goodEntryJson: string;
  const file = (name: string, content: string | Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const expectRefused = (path: string, pattern: RegExp, flag = '--har') => {
    const run = runCli(['analyze', flag, path, '--format', 'json']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^flex-sso: /);
    expect(lines[0]).toMatch(pattern);
    expect(run.stderr).not.toMatch(/\bat .*\.(m?js|ts):\d+/);
  };

  beforeAll(async () => {
    ensureCliBuilt();
    dir = mkdtempSync(join(tmpdir(), 'flex-sso-bad-captures-'));
    key = createTestSigningKey();
    const xml = await signedResponse({ key, issuer: 'urn:idp', acsUrl: SP.acsUrl, audience: SP.entityId, email: 'sam@example.com' });
    goodEntryJson = JSON.stringify(harEntry({ at: new Date(), url: SP.acsUrl, form: [['SAMLResponse', base64(xml)]] }));
  });
  afterAll(() => {
    key?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('binary junk: refused at once as not text or not JSON', () => {
    expectRefused(file('junk.har', randomBytes(1_000_000)), /not a HAR file or SAML-tracer export/);
  });

  it('JSON that is not a capture: says what a capture has and how to export one', () => {
    expectRefused(
      file('other.json', JSON.stringify({ name: 'x', items: [1, 2] })),
      /neither a HAR file \(it has no "log"\) nor a SAML-tracer export .*"name", "items".*Export HAR/,
    );
    expectRefused(file('list.json', '[{"log":{}}]'), /a JSON list, not the JSON object a capture is/);
    expectRefused(file('page.har', '<!doctype html><html><body>Sign in</body></html>'), /does not start with "\{"/);
  });

  it('a file cut short before any request: refused; cut after some: those are read and the cut is reported', () => {
    const whole = JSON.stringify(har([JSON.parse(goodEntryJson), harEntry({ at: new Date(), url: 'https://example.com/' })]));
    expectRefused(file('early.har', whole.slice(0, 300)), /ends in the middle, before a single request could be read/);
    const late = file('late.har', whole.slice(0, whole.length - 200));
    const run = runCli(['analyze', '--har', late, '--format', 'json']);
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as { findings: Array<{ code: string }>; exchanges: unknown[] };
    expect(report.findings.map((f) => f.code)).toContain('capture-truncated');
    expect(report.exchanges).toHaveLength(1);
  });

  it('a HAR with no SAML: the report says why, one line on stderr, exit 2', () => {
    const path = file('nosaml.har', JSON.stringify(har([harEntry({ at: new Date(), url: 'https://example.com/' })])));
    const run = runCli(['analyze', '--har', path, '--format', 'json']);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/holds 1 request but no SAML message: .*"Preserve log"/);
    expect(JSON.parse(run.stdout).findings[0].code).toBe('capture-no-saml');
  });

  it('an empty HAR says it holds no requests (not "0 requests"), once, with how to capture the login', () => {
    const path = file('empty.har', JSON.stringify(har([])));
    const run = runCli(['analyze', '--har', path]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('flex-sso: The HAR file holds no requests: it was saved before the login, or with the Network tab empty.\n');
    expect(run.stdout).toMatch(
      /^How to fix it: Ask for a new capture: open the browser's developer tools on the Network tab before starting the login, tick "Preserve log"/,
    );
    expect(run.stdout).not.toMatch(/holds no requests|No SAML exchange/);
  });

  it('missing files, folders and wrong option combinations', () => {
    expectRefused(join(dir, 'nope.har'), /there is no file|There is no file/);
    expectRefused(dir, /not a regular file/);
    const both = runCli(['analyze', '--har', 'a', '--saml-tracer', 'b']);
    expect(both.status).toBe(2);
    expect(both.stderr).toMatch(/either --har or --saml-tracer, not both/);
  });

  it('an entry of 100 MB in bounded memory: the CLI, with a 160 MB heap, skips its body and still finds the SAML exchange after it', () => {
    const path = join(dir, 'huge-entry.har');
    const fd = openSync(path, 'w');
    const head = JSON.stringify(
      har([harEntry({ at: new Date(), url: 'https://cdn.example.com/video.bin', body: 'BODY', bodyMime: 'application/octet-stream', document: false })]),
    );
    const [before, after] = head.split('"text":"BODY"');
    writeSync(fd, `${before}"text":"`);
    const block = 'QUFB'.repeat(256 * 1024); // 1 MB of base64
    for (let i = 0; i < 100; i++) writeSync(fd, block);
    writeSync(fd, `"${after!.slice(0, after!.lastIndexOf(']'))},${goodEntryJson}]}}`);
    closeSync(fd);
    const run = spawnSync(process.execPath, ['--max-old-space-size=160', CLI_BUNDLE, 'analyze', '--har', path, '--format', 'json'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as { source: { entries: number }; exchanges: Array<{ kind: string }> };
    expect(report.source.entries).toBe(2);
    expect(report.exchanges.map((e) => e.kind)).toEqual(['idp-initiated']);
  }, 120_000);
});
