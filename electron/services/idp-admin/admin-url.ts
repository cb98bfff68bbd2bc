import { IdpAdminError } from './admin-http';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** An admin API's base URL: https, or http on this computer only (test servers). */
export function checkAdminUrl(raw: string, what: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new IdpAdminError('bad-request', `The ${what} "${raw.slice(0, 100)}" is not a URL; it looks like https://example.okta.com.`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    throw new IdpAdminError('bad-request', `The ${what} must start with https:// (${url.protocol} is not safe for admin credentials).`);
  }
  if (url.username || url.password) throw new IdpAdminError('bad-request', `The ${what} must not contain a user name or password.`);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
