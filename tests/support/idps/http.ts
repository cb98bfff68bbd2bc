/** A browser-less client for SAML logins: follows the HTML forms real IdPs serve. */

export interface HtmlForm {
  action: string;
  method: string;
  fields: Record<string, string>;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(Number.parseInt(n, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function attribute(tag: string, name: string): string | null {
  const match = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  if (!match) return null;
  return decodeEntities(match[2] ?? match[3] ?? match[4] ?? '');
}

/** Every <form> in a page with its inputs (text, hidden, select's selected option). */
export function parseForms(html: string, base: string): HtmlForm[] {
  const forms: HtmlForm[] = [];
  const formPattern = /<form\b([^>]*)>([\s\S]*?)<\/form>/gi;
  for (let match = formPattern.exec(html); match; match = formPattern.exec(html)) {
    const tag = `<form ${match[1]}>`;
    const body = match[2]!;
    const fields: Record<string, string> = {};
    for (const input of body.match(/<input\b[^>]*>/gi) ?? []) {
      const name = attribute(input, 'name');
      const type = (attribute(input, 'type') ?? 'text').toLowerCase();
      if (!name || type === 'submit' || type === 'button') continue;
      fields[name] = attribute(input, 'value') ?? '';
    }
    for (const select of body.match(/<select\b[\s\S]*?<\/select>/gi) ?? []) {
      const name = attribute(select, 'name');
      if (!name) continue;
      const option = /<option\b[^>]*\bselected\b[^>]*>/i.exec(select) ?? /<option\b[^>]*>/i.exec(select);
      fields[name] = option ? (attribute(option[0], 'value') ?? '') : '';
    }
    forms.push({ action: new URL(attribute(tag, 'action') ?? '', base).href, method: (attribute(tag, 'method') ?? 'get').toLowerCase(), fields });
  }
  return forms;
}

export async function getPage(url: string): Promise<{ html: string; url: string; status: number }> {
  const response = await fetch(url, { redirect: 'follow' });
  return { html: await response.text(), url: response.url, status: response.status };
}

export async function submitForm(form: HtmlForm, overrides: Record<string, string> = {}): Promise<{ html: string; url: string; status: number }> {
  const body = new URLSearchParams({ ...form.fields, ...overrides });
  const response = await fetch(form.action, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'follow' });
  return { html: await response.text(), url: response.url, status: response.status };
}

export interface CapturedPost {
  /** Where the IdP's page would POST the response (Twilio's ACS URL in real life; never contacted). */
  action: string;
  samlResponse: string;
  relayState: string | null;
  /** The decoded XML. */
  xml: string;
  /** The raw application/x-www-form-urlencoded body a browser would send. */
  postBody: string;
}

/** Reads the auto-POST form carrying SAMLResponse out of an IdP page. */
export function captureSamlPost(html: string, base: string): CapturedPost {
  const form = parseForms(html, base).find((f) => 'SAMLResponse' in f.fields);
  if (!form) throw new Error(`the IdP page has no SAMLResponse form: ${html.slice(0, 500)}`);
  const samlResponse = form.fields.SAMLResponse!;
  const relayState = form.fields.RelayState ? form.fields.RelayState : null;
  const body = new URLSearchParams({ SAMLResponse: samlResponse, ...(relayState ? { RelayState: relayState } : {}) });
  return { action: form.action, samlResponse, relayState, xml: Buffer.from(samlResponse, 'base64').toString('utf8'), postBody: body.toString() };
}
