/** Checks a URL the user pastes (IdP SSO URL, Default Redirect URL, metadata URL). Null when fine. */
export function urlProblem(value: string, what: string, options: { allowHttp?: boolean } = {}): string | null {
  const raw = value.trim();
  if (raw === '') return `${what} is required: a full address starting with https://`;
  if (/\s/.test(raw)) return `${what} must not contain spaces; copy it again in one piece`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `${what} must be a full address starting with https:// ("${raw}" is not one)`;
  }
  if (url.protocol !== 'https:' && !(options.allowHttp && url.protocol === 'http:')) {
    return `${what} must start with https://; this one starts with ${url.protocol}//`;
  }
  if (url.hostname === '') return `${what} has no host name`;
  return null;
}

/** An IPv4-mapped IPv6 host as the URL parser writes it ("[::ffff:7f00:1]") in dotted form, else the host. */
function unmapped(hostname: string): string {
  const mapped = /^\[::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})\]$/.exec(hostname.toLowerCase());
  if (!mapped) return hostname.toLowerCase();
  const [high, low] = [parseInt(mapped[1]!, 16), parseInt(mapped[2]!, 16)];
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/**
 * This computer's own addresses, where plain http:// is fine (a test IdP, a local Flex UI). Takes
 * `hostname` as the URL parser gives it: IPv6 in brackets ("[::1]"), IPv4 in dotted decimal.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = unmapped(hostname).replace(/\.$/, '');
  return host === 'localhost' || host.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(host) || host === '[::1]';
}

/** Loopback, private (RFC 1918, unique-local, CGNAT), link-local (cloud metadata services) and unspecified addresses. */
export function isInternalHost(hostname: string): boolean {
  if (isLoopbackHost(hostname)) return true;
  const host = unmapped(hostname);
  const v4 = /^(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/.exec(host);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return (
      a === 0 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127)
    );
  }
  return host === '[::]' || /^\[f[cd][0-9a-f]{2}:/.test(host) || /^\[fe[89ab][0-9a-f]:/.test(host);
}

/** Whether a typed address is on this computer (so plain http:// is accepted); false for anything that is not a URL. */
export function isLoopbackUrl(value: string): boolean {
  try {
    return isLoopbackHost(new URL(value.trim()).hostname);
  } catch {
    return false;
  }
}
