/** Findings about a capture as a whole, or about what only a capture shows, with their fixes. */
import type { CaptureFindingCode, Finding, Severity } from '../findings';
import { fixFor } from '../saml/fixes';

const FIXES: Record<CaptureFindingCode, (idp?: string) => string> = {
  'capture-idp-error-page': () => "Follow the IdP's own message above; the AuthnRequest never got as far as a sign-in.",
  'capture-no-response': () =>
    'Ask the user to record the login again from the start, with "Preserve log" ticked in the Network tab, and to finish signing in before exporting.',
  'capture-redirect-loop': (idp) =>
    `Twilio refuses each response and starts over: fix the errors found in the responses above. When there are none, check that the ACS URL (and its SSO connection id or SID) set in the IdP is exactly Twilio's for this customer. ${fixFor('destination-mismatch', { idp })}`,
  'capture-clock-difference': () =>
    'Make the IdP server set its clock automatically from a time server (NTP; on Windows, the Windows Time service), and check the time zone setting of the computer that recorded the capture.',
  'capture-no-saml': () =>
    'Ask for a new capture: open the browser\'s developer tools on the Network tab before starting the login, tick "Preserve log", sign in until the error shows, then export.',
  'capture-truncated': () => 'Ask for the file again; the requests after the cut are missing from this diagnosis.',
  'capture-entry-too-large': () => 'Nothing to do unless a login is missing from the timeline: no SAML message is that large.',
  'capture-message-unreadable': () =>
    "Ask for a capture made with the browser's own export (DevTools → Network → Export HAR); hand-edited or anonymised files lose the SAML messages.",
  'capture-limits': () => 'Ask for a capture of just the failing login (start recording right before it).',
  'capture-judged-as': () => "Open the customer's profile (or give --mode and its id) to judge the responses against the values you set up.",
};

export function captureFinding(code: CaptureFindingCode, severity: Severity, message: string, idp?: string): Finding {
  return { code, severity, message, fix: FIXES[code](idp) };
}
