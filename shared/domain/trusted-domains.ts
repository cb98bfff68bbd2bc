import type { ModeId } from './modes';

export type TrustedDomainKind = 'domain' | 'wildcard' | 'ipv4' | 'ipv6' | 'localhost' | 'origin';

export type TrustedDomainCheck =
  { ok: true; entry: string; kind: TrustedDomainKind; host: string; warnings: string[] } | { ok: false; entry: string; message: string };

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

function isIpv6(value: string): boolean {
  if (!/^[0-9a-f:]+$/i.test(value) || !value.includes(':')) return false;
  const doubles = value.split('::').length - 1;
  if (doubles > 1) return false;
  const groups = value.split(':').filter((group) => group !== '');
  if (groups.some((group) => group.length > 4)) return false;
  return doubles === 1 ? groups.length < 8 : groups.length === 8;
}

/** Checks a host-style entry (the legacy rules in the facts table). */
export function checkHostEntry(entry: string): TrustedDomainCheck {
  const host = entry.toLowerCase();
  if (host === 'localhost') return { ok: true, entry, kind: 'localhost', host, warnings: [] };
  if (IPV4.test(host)) return { ok: true, entry, kind: 'ipv4', host, warnings: [] };
  const bracketless = host.replace(/^\[|\]$/g, '');
  if (isIpv6(bracketless)) return { ok: true, entry, kind: 'ipv6', host: bracketless, warnings: [] };
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(host)) {
    return {
      ok: false,
      entry,
      message: `"${entry}": enter only the domain (e.g. ${host.replace(/^[a-z]+:\/\//, '').split(/[/:]/)[0]}), without scheme or path`,
    };
  }
  if (/[/:]/.test(host)) {
    return { ok: false, entry, message: `"${entry}": enter only the domain, without port or path` };
  }
  const labels = host.split('.');
  const starAt = labels.findIndex((label) => label.includes('*'));
  if (starAt >= 0) {
    if (starAt !== 0 || labels[0] !== '*' || labels.slice(1).some((label) => label.includes('*'))) {
      return { ok: false, entry, message: `"${entry}": * may only stand for the whole leftmost label, as in *.example.com` };
    }
  }
  const named = starAt === 0 ? labels.slice(1) : labels;
  if (named.length < 2 && host !== 'localhost') {
    return {
      ok: false,
      entry,
      message: `"${entry}" is not a domain name; use a name such as flex.example.com${starAt === 0 ? ' (a wildcard needs at least two labels after *.)' : ''}`,
    };
  }
  const badLabel = named.find((label) => !LABEL.test(label));
  if (badLabel !== undefined) {
    return { ok: false, entry, message: `"${entry}": "${badLabel}" is not a valid domain label (letters, digits and inner hyphens only)` };
  }
  if (starAt === 0) return { ok: true, entry, kind: 'wildcard', host, warnings: [] };
  return { ok: true, entry, kind: 'domain', host, warnings: [] };
}

/**
 * Checks a trusted-domain entry. Legacy Flex SSO takes host names (with `*.` wildcards); enhanced
 * SSO takes origins such as `https://flex.example.com` or `http://localhost:3000`, without wildcards.
 */
export function checkTrustedDomain(raw: string, mode: ModeId = 'flex-legacy'): TrustedDomainCheck {
  const entry = raw.trim();
  if (entry === '') return { ok: false, entry, message: 'a trusted domain is empty; enter a domain such as flex.example.com' };
  if (mode !== 'flex-enhanced') return checkHostEntry(entry);

  if (entry.includes('*')) {
    return { ok: false, entry, message: `"${entry}": enhanced SSO does not accept wildcards; add each origin where Flex runs, e.g. https://one.example.com` };
  }
  const scheme = /^(https?):\/\/([^/?#]+)\/?$/i.exec(entry);
  if (!scheme) {
    if (!/:\/\//.test(entry)) {
      const hostCheck = checkHostEntry(entry.split(':')[0] ?? entry);
      const suggestion = hostCheck.ok && hostCheck.kind === 'localhost' ? `http://${entry}` : `https://${entry}`;
      return { ok: false, entry, message: `"${entry}": enhanced SSO takes origins with their scheme: enter ${suggestion}` };
    }
    return { ok: false, entry, message: `"${entry}": enter an origin (scheme, host and optional port) without a path, e.g. https://flex.example.com` };
  }
  const authority = scheme[2]!;
  const portMatch = /^(.*?)(?::(\d{1,5}))?$/.exec(authority);
  const hostPart = portMatch?.[1] ?? authority;
  const host = checkHostEntry(hostPart);
  if (!host.ok) return { ok: false, entry, message: host.message };
  const loopback = host.kind === 'localhost' || host.host === '127.0.0.1' || host.host === '::1';
  if (scheme[1]!.toLowerCase() === 'http' && !loopback) {
    return {
      ok: false,
      entry,
      message: `"${entry}": http:// is only for Flex running on this computer while you develop (localhost, 127.0.0.1, ::1); a hosted Flex UI needs https://`,
    };
  }
  const port = portMatch?.[2];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) {
    return { ok: false, entry, message: `"${entry}": the port must be between 1 and 65535` };
  }
  return { ok: true, entry: entry.replace(/\/$/, ''), kind: 'origin', host: host.host, warnings: [] };
}

/** Whether a legacy-style entry lets Flex run on `host` (the table in the facts, section 5). */
export function trustedDomainAllows(entry: string, host: string): boolean {
  const check = checkHostEntry(entry.trim());
  if (!check.ok) return false;
  const target = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  if (check.kind !== 'wildcard') return check.host === target;
  const suffix = check.host.slice(1);
  if (!target.endsWith(suffix)) return false;
  const left = target.slice(0, -suffix.length);
  return left !== '' && !left.includes('.');
}
