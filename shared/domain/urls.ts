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
