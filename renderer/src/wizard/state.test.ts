import { describe, expect, it } from 'vitest';
import { ProfileSchema, type Profile, type TaskStatus } from '../../../shared/api';
import { whatsLeft } from './whats-next';
import { INITIAL_STATE, errorShown, pendingSave, resumeStep, shownStepErrors, viewOf, wizardReducer, type WizardAction, type WizardState } from './state';

const CONNECTION_ID = 'JQ0123456789abcdef0123456789abcdef';
const OTHER_CONNECTION_ID = 'JQfedcba9876543210fedcba9876543210';
/** A real self-signed certificate (EC P-256, CN=test-idp.example, valid until 2046). */
const CERT_PEM = `-----BEGIN CERTIFICATE-----
MIIBijCCATGgAwIBAgIUbNh2tai6vdPXrqUdwo/6vnX2JTkwCgYIKoZIzj0EAwIw
GzEZMBcGA1UEAwwQdGVzdC1pZHAuZXhhbXBsZTAeFw0yNjExMzAwNDQzMzJaFw00
NjExMjUwNDQzMzJaMBsxGTAXBgNVBAMMEHRlc3QtaWRwLmV4YW1wbGUwWTATBgcq
hkjOPQIBBggqhkjOPQMBBwNCAATb/ehWb0nCYKPkSPgSl04QTxf9izwF6vDJPFwd
jjNL9LgAZ2LibjKvETfbY/n0aBUPXts9c9LjemfoJCtgvM8Bo1MwUTAdBgNVHQ4E
FgQUzUxyn1LKF7JEXFTIQpbmYck9s9YwHwYDVR0jBBgwFoAUzUxyn1LKF7JEXFTI
QpbmYck9s9YwDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNHADBEAiAXw5a/
dp7R0GldGTlOXvJfBi76j0X8cNQMQrNebCDA3wIgLUg8ov0sa/NqOl5aKVholelT
dhFHdtnzjDYd+dOiits=
-----END CERTIFICATE-----`;

/** A real self-signed certificate (EC P-256, CN=expired-idp.example) that expired on 19 February 2020. */
const EXPIRED_CERT_PEM = `-----BEGIN CERTIFICATE-----
MIIBJDCBygIBATAKBggqhkjOPQQDAjAeMRwwGgYDVQQDDBNleHBpcmVkLWlkcC5l
eGFtcGxlMB4XDTE4MDEwMTAwMDAwMFoXDTIwMDIxOTAwMDAwMFowHjEcMBoGA1UE
AwwTZXhwaXJlZC1pZHAuZXhhbXBsZTBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IA
BOrjzLTOWVkYMKOsTvbd3iNm19D/tTPzyDMYOTx7idDeeqmEZJJB0bOJ62J0P6uq
v7Vfv01pCaUWkkUWG9X4NtIwCgYIKoZIzj0EAwIDSQAwRgIhAOOuAvLQX337KOwJ
0PrkxN1uucTcq63uSIcs6NR3syA1AiEA+F/jMcSN9k2YI2igV3Bzh047hZOb8qf2
MC24rVgyhpM=
-----END CERTIFICATE-----`;

/** A stored customer: Flex enhanced with Okta, everything filled in up to the Console step. */
function storedProfile(overrides: Partial<Profile> = {}, idpValues: Record<string, string> = {}): Profile {
  return ProfileSchema.parse({
    id: 'contoso',
    createdAt: '2025-03-01T10:00:00.000Z',
    updatedAt: '2025-03-01T10:00:00.000Z',
    revision: 3,
    name: 'Contoso',
    mode: 'flex-enhanced',
    ids: { connectionId: CONNECTION_ID },
    twilio: {},
    connections: [
      {
        id: 'c-staff',
        idp: 'okta',
        idpValues: { issuer: 'http://www.okta.com/exk1', ssoUrl: 'https://contoso.okta.com/app/flex/exk1/sso/saml', certificatePem: CERT_PEM, ...idpValues },
        ssoConnection: { connectionId: CONNECTION_ID, acsUrl: '' },
      },
    ],
    activeConnectionId: 'c-staff',
    trustedDomains: [],
    notes: '',
    wizardStep: 'console',
    lastTestResult: null,
    ...overrides,
  });
}

function run(state: WizardState, ...actions: WizardAction[]): WizardState {
  return actions.reduce(wizardReducer, state);
}

function passedTest(verdict: 'ok' | 'unverified' | 'fail'): TaskStatus {
  return {
    id: 'task-1',
    kind: 'login-test',
    state: 'succeeded',
    progress: 1,
    message: 'Finished.',
    phase: 'done',
    startedAt: '2025-03-01T10:00:00.000Z',
    finishedAt: '2025-03-01T10:01:00.000Z',
    error: null,
    result: {
      kind: 'login-test',
      phase: 'done',
      report: {
        ok: verdict === 'ok',
        verdict,
        signature: { checked: verdict !== 'unverified', valid: verdict === 'unverified' ? null : verdict === 'ok' },
        findings: [],
        worker: null,
        facts: null,
      },
      relayState: null,
      captureToDiagnosisMs: 10,
      lastTestResult: null,
    },
  } as unknown as TaskStatus;
}

describe('wizard state: resume', () => {
  it('reopens a customer on the step they were on, even after leaving through the customer step', () => {
    const opened = run(INITIAL_STATE, { type: 'opened', profile: storedProfile() });
    expect(opened.step).toBe('console');
    // Switching customers happens on step 1: going there does not move this customer's place.
    const atCustomers = run(opened, { type: 'go-to', step: 'profile' });
    expect(atCustomers.step).toBe('profile');
    expect(atCustomers.resumeAt).toBe('console');
    expect(pendingSave(atCustomers)).toBeNull();
    const movedOn = run(opened, { type: 'go-to', step: 'test' });
    expect(pendingSave(movedOn)?.wizardStep).toBe('test');
  });

  it('opening a customer writes nothing (so "Last changed" and the list order stay)', () => {
    const opened = run(INITIAL_STATE, { type: 'opened', profile: storedProfile() });
    expect(pendingSave(opened)).toBeNull();
    expect(viewOf(opened).pendingSave).toBeNull();
    // A real change is written, and only then.
    expect(pendingSave(run(opened, { type: 'edited', patch: { notes: 'call back Monday' } }))?.notes).toBe('call back Monday');
  });

  it('resumes no further than the values allow, and a profile with no place starts at its first step not done', () => {
    const broken = storedProfile({}, { issuer: '' });
    expect(resumeStep(broken)).toBe('bring-back');
    expect(resumeStep(storedProfile({ wizardStep: null }))).toBe('configure');
    expect(resumeStep(storedProfile({ wizardStep: 'profile' }))).toBe('configure');
    expect(resumeStep(storedProfile({ wizardStep: null, mode: null }))).toBe('product');
  });
});

describe('wizard state: ticks mean done, by each step\u2019s own rule', () => {
  const opened = run(INITIAL_STATE, { type: 'opened', profile: storedProfile() });

  it('fields steps are done when filled in; the IdP and Console steps only once their values were copied', () => {
    const done = viewOf(opened).done;
    expect(done).toMatchObject({
      profile: true,
      product: true,
      idp: true,
      ids: true,
      configure: false,
      'bring-back': true,
      console: false,
      test: false,
      summary: false,
    });
    const copied = run(opened, { type: 'step-done', step: 'configure' }, { type: 'step-done', step: 'console' });
    expect(viewOf(copied).done).toMatchObject({ configure: true, console: true, test: false });
    // What was copied is kept in the profile, with the active connection.
    expect(pendingSave(copied)?.connections?.[0]?.doneSteps.map((mark) => mark.step)).toEqual(['configure', 'console']);
  });

  it('a step done with other values is not done any more', () => {
    const copied = run(opened, { type: 'step-done', step: 'configure' }, { type: 'step-done', step: 'console' });
    const newId = run(copied, { type: 'edited', patch: { connectionId: OTHER_CONNECTION_ID } });
    expect(viewOf(newId).done.configure).toBe(false);
    const newIssuer = run(copied, { type: 'edited', patch: { issuer: 'http://www.okta.com/exk2' } });
    expect(viewOf(newIssuer).done).toMatchObject({ configure: true, console: false });
  });

  it('the test step is done only when a verified test passed', () => {
    expect(viewOf(run(opened, { type: 'test-finished', status: passedTest('ok'), sentToTwilio: false })).done.test).toBe(true);
    expect(viewOf(run(opened, { type: 'test-finished', status: passedTest('unverified'), sentToTwilio: false })).done.test).toBe(false);
    expect(viewOf(run(opened, { type: 'test-finished', status: passedTest('fail'), sentToTwilio: false })).done.test).toBe(false);
    const storedPass = storedProfile();
    storedPass.connections[0]!.lastTest = {
      at: '2025-03-01T10:00:00.000Z',
      connectionId: 'c-staff',
      outcome: 'passed',
      summary: 'ok',
      errorCount: 0,
      warningCount: 0,
      findingCodes: [],
    };
    expect(viewOf(run(INITIAL_STATE, { type: 'opened', profile: storedPass })).done.test).toBe(true);
    // A test started in this session counts from then on, not the stored one.
    expect(
      viewOf(run(INITIAL_STATE, { type: 'opened', profile: storedPass }, { type: 'test-finished', status: passedTest('fail'), sentToTwilio: false })).done.test,
    ).toBe(false);
  });

  it('the IdP step done by "Set it up for me" is not done once that is undone', () => {
    const applied = run(opened, { type: 'step-done', step: 'configure' });
    expect(viewOf(applied).done.configure).toBe(true);
    expect(viewOf(run(applied, { type: 'step-undone', step: 'configure' })).done.configure).toBe(false);
  });

  it('a step with an error finding is not done: an expired certificate leaves "Bring back its values" unticked, though the next steps stay open', () => {
    const expired = run(INITIAL_STATE, { type: 'opened', profile: storedProfile({}, { certificatePem: EXPIRED_CERT_PEM }) });
    const view = viewOf(expired);
    expect(view.errors.certificate).toBeUndefined();
    expect(view.done['bring-back']).toBe(false);
    expect(run(expired, { type: 'go-to', step: 'console' }).step).toBe('console');
    expect(whatsLeft(view.done, 'Okta', expired.draft).find((item) => item.step === 'bring-back')?.body).toBe(
      'The signing certificate has expired: make a new one active in Okta and bring it back.',
    );
    const renewed = run(expired, { type: 'edited', patch: { certificate: CERT_PEM } });
    expect(viewOf(renewed).done['bring-back']).toBe(true);
  });

  it('the summary is done once exported', () => {
    expect(viewOf(run(opened, { type: 'step-done', step: 'summary' })).done.summary).toBe(true);
  });
});

describe('wizard state: Next with errors', () => {
  it('stays, shows the step\u2019s errors in a summary and asks focus for the first field to fix', () => {
    const named = run(INITIAL_STATE, { type: 'edited', patch: { profileName: 'Contoso' } }, { type: 'next' });
    expect(named.step).toBe('product');
    const tried = run(named, { type: 'next' });
    expect(tried.step).toBe('product');
    expect(tried.focus?.target).toEqual({ kind: 'field', field: 'mode' });
    expect(shownStepErrors(tried, viewOf(tried).errors)).toEqual([{ field: 'mode', message: 'Choose the product you are connecting.' }]);
    expect(errorShown(tried, 'mode')).toBe(true);
    expect(errorShown(named, 'mode')).toBe(false);
    const chosen = run(tried, { type: 'edited', patch: { mode: 'flex-enhanced' } }, { type: 'next' });
    expect(chosen.step).toBe('idp');
    expect(chosen.focus?.target).toEqual({ kind: 'heading' });
    expect(chosen.focus!.seq).toBeGreaterThan(tried.focus!.seq);
  });

  it('no red error on the customer name before it was typed into and left, or Next was pressed', () => {
    const fresh = run(INITIAL_STATE, { type: 'new-customer' });
    expect(fresh.focus?.target).toEqual({ kind: 'field', field: 'profileName' });
    // The wizard put the cursor there; clicking elsewhere (another app, a saved customer) is not leaving it.
    const clickedAway = run(fresh, { type: 'field-left', field: 'profileName' });
    expect(errorShown(clickedAway, 'profileName')).toBe(false);
    // Typed, still in the field: no error while typing, nor once it is erased before leaving.
    const erased = run(clickedAway, { type: 'edited', patch: { profileName: 'Con' } }, { type: 'edited', patch: { profileName: '' } });
    expect(viewOf(erased).errors.profileName).toBeDefined();
    expect(errorShown(erased, 'profileName')).toBe(false);
    expect(errorShown(run(erased, { type: 'field-left', field: 'profileName' }), 'profileName')).toBe(true);
    expect(errorShown(run(clickedAway, { type: 'next' }), 'profileName')).toBe(true);
  });

  it('field errors are sentences: a capital letter and a full stop', () => {
    const typed = run(INITIAL_STATE, { type: 'edited', patch: { profileName: 'x', ssoUrl: 'ftp://idp.example.com/sso', defaultRedirectUrl: 'flex example' } });
    const { errors } = viewOf(typed);
    for (const message of Object.values(errors)) expect(message).toMatch(/^[A-Z].*[.!?]["')\u201d]*$/s);
    expect(errors.ssoUrl).toBe('The single sign-on URL must start with https://; this one starts with ftp://.');
  });

  it('a plain http:// address is accepted on this computer only, by the same rule as the main side (::1 too)', () => {
    const errorsFor = (ssoUrl: string) => viewOf(run(INITIAL_STATE, { type: 'edited', patch: { ssoUrl } })).errors.ssoUrl;
    for (const local of ['http://127.0.0.1:8080/sso', 'http://localhost/sso', 'http://[::1]:9000/sso', 'http://idp.localhost/sso', 'http://127.0.0.2/sso'])
      expect(errorsFor(local)).toBeUndefined();
    expect(errorsFor('http://idp.example.com/sso')).toMatch(/must start with https:\/\//);
  });
});

describe('wizard state: the saved list', () => {
  it('lists a customer the moment it is created, and keeps it when an older listing arrives', () => {
    const created = run(
      INITIAL_STATE,
      { type: 'edited', patch: { profileName: 'Contoso' } },
      { type: 'create-started' },
      { type: 'created', profile: storedProfile({ wizardStep: null }) },
    );
    expect(created.saved.profiles.map((item) => item.name)).toEqual(['Contoso']);
    const stale = run(created, { type: 'listed', profiles: [], problems: [] });
    expect(stale.saved.profiles.map((item) => item.name)).toEqual(['Contoso']);
  });

  it('a failed listing says so instead of "no customers"', () => {
    const failed = run(INITIAL_STATE, { type: 'list-failed', message: 'The profiles folder could not be read.' });
    expect(failed.saved.failure).toBe('The profiles folder could not be read.');
    expect(run(failed, { type: 'listed', profiles: [], problems: [] }).saved.failure).toBeNull();
  });

  it('a new customer starts empty, on the name field, with the list kept', () => {
    const opened = run(INITIAL_STATE, { type: 'listed', profiles: [], problems: [] }, { type: 'opened', profile: storedProfile() });
    const fresh = run(opened, { type: 'new-customer' });
    expect(fresh.profile).toBeNull();
    expect(fresh.step).toBe('profile');
    expect(fresh.draft.profileName).toBe('');
    expect(fresh.focus?.target).toEqual({ kind: 'field', field: 'profileName' });
    expect(fresh.saved).toBe(opened.saved);
  });
});

describe('wizard state: connections', () => {
  it('a switch shows the new connection at once and, once saved, its values; the step stays where it may', () => {
    const opened = run(INITIAL_STATE, { type: 'opened', profile: storedProfile() });
    const switching = run(opened, { type: 'connection-change-started', activeConnectionId: 'c-new' });
    expect(switching.activeConnectionId).toBe('c-new');
    expect(switching.connectionBusy).toBe(true);
    const withNew = storedProfile({
      connections: [
        ...storedProfile().connections,
        { ...storedProfile().connections[0]!, id: 'c-new', idp: null, ssoConnection: { connectionId: '', acsUrl: '' } },
      ],
      activeConnectionId: 'c-new',
    });
    const switched = run(switching, { type: 'connections-changed', profile: withNew });
    expect(switched.connectionBusy).toBe(false);
    expect(switched.draft.idp).toBeNull();
    // The console step needs an IdP: the wizard goes back to the identity provider step.
    expect(switched.step).toBe('idp');
    const failed = run(switching, { type: 'connection-change-failed', message: 'The disk is full.' });
    expect(failed.activeConnectionId).toBe('c-staff');
    expect(failed.saveFailure).toBe('The disk is full.');
  });
});
