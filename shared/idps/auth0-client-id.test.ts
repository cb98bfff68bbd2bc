import { describe, expect, it } from 'vitest';
import { auth0ClientIdFromUrl, readAuth0ClientId } from './auth0-client-id';

const ID = 'AaiyAPdpYdesoKnqjj8HJqRn4T5titww';

describe("the Auth0 application's Client ID: asked once, validated, also read from the metadata URL", () => {
  it.each([
    [ID, null],
    [`  ${ID} `, null],
    [`https://dev-abc123.us.auth0.com/samlp/metadata/${ID}`, /from the metadata URL/],
    [`https://login.example.com/samlp/metadata/${ID}/`, /from the metadata URL/],
    [`https://dev-abc123.auth0.com/samlp/${ID}?connection=Username-Password-Authentication`, /from the Identity Provider Login URL/],
  ])('%s', (raw, note) => {
    const read = readAuth0ClientId(raw);
    expect(read).toMatchObject({ ok: true, clientId: ID });
    if (note) expect(read.ok && read.note).toMatch(note);
  });

  it.each([
    ['', /is required/],
    [ID.slice(1), /32 letters and digits; this one has 31 \(some were cut off\)/],
    [`${ID}x`, /this one has 33 \(there is extra text\)/],
    [`${ID.slice(0, 31)}-`, /"-" is neither/],
    ['Aaiy APdp', /has no spaces/],
    ['https://dev-abc123.auth0.com/login', /does not end in \/samlp\/metadata\/CLIENT_ID/],
    ['https://dev-abc123.auth0.com/samlp/metadata/short', /"short" at the end of the address is not an Auth0 Client ID/],
  ])('refuses %j', (raw, message) => {
    const read = readAuth0ClientId(raw);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.message).toMatch(message);
  });

  it('reads it from a metadata URL the admin imports, and from nothing else', () => {
    expect(auth0ClientIdFromUrl(`https://dev-abc123.us.auth0.com/samlp/metadata/${ID}`)).toBe(ID);
    expect(auth0ClientIdFromUrl('https://login.microsoftonline.com/t/federationmetadata/2007-06/federationmetadata.xml')).toBeNull();
    expect(auth0ClientIdFromUrl(ID)).toBeNull();
  });
});
