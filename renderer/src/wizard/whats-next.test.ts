import { describe, expect, it } from 'vitest';
import { checklistFor } from './checklist';
import { EMPTY_DRAFT, type Draft } from './draft';
import { whatsLeft, whatsNext } from './whats-next';
import { STEPS, type StepId } from './steps';

const HEX = '0123456789abcdef0123456789abcdef';
const NOW = new Date('2026-11-30T12:00:00Z');
const legacy: Draft = { ...EMPTY_DRAFT, profileName: 'Fabrikam', mode: 'flex-legacy', idp: 'okta', accountSid: `AC${HEX}`, connectionId: `JQ${HEX}` };

function next(draft: Draft) {
  return whatsNext(draft, checklistFor(draft, NOW)!, null, 'flex-enhanced');
}

describe("a legacy customer's what comes next", () => {
  it('creating a new app: switch in the Twilio Console and test, then remove the legacy app; the legacy settings stay 30 days', () => {
    const items = next({ ...legacy, migration: 'create-new-app' });
    const ids = items.map((item) => item.id);
    expect(ids.slice(0, 3)).toEqual(['assign-users', 'switch-to-enhanced', 'after-the-switch']);
    const [, switchItem, after] = items;
    expect(switchItem!.title).toBe('Switch to enhanced SSO in the Twilio Console');
    expect(switchItem!.body).toMatch(/then test a login with the enhanced values/);
    expect(after!.title).toBe('Remove the legacy IdP app after the switch');
    expect(after!.body).toMatch(/remove the legacy IdP app\./);
    expect(after!.body).toMatch(/The legacy settings stay available for 30 days after the switch\./);
  });

  it('modifying the existing app: the switch, and no old app to remove', () => {
    const items = next({ ...legacy, migration: 'modify-existing' });
    expect(items.map((item) => item.title)).toContain('Switch to enhanced SSO in the Twilio Console');
    expect(items.map((item) => item.body).join(' ')).not.toMatch(/remove the legacy IdP app/);
  });

  it('an enhanced customer has nothing to switch', () => {
    const items = next({ ...legacy, mode: 'flex-enhanced', migration: null });
    expect(items.map((item) => item.id)).not.toContain('switch-to-enhanced');
  });
});

describe('what is left, on the screen and in the export', () => {
  const none = Object.fromEntries(STEPS.map((step) => [step.id, false])) as Record<StepId, boolean>;
  it('the export never speaks of the wizard or its step numbers', () => {
    const exported = whatsLeft(none, 'Okta', legacy, 'export').map((item) => item.body);
    expect(exported.join(' ')).not.toMatch(/wizard|step \d/);
    expect(exported).toContain('Set up the app in Okta: copy each value into it.');
    expect(whatsLeft(none, 'Okta', legacy).map((item) => item.body)).toContain(
      'Set up the app in Okta: copy each value into it (the wizard ticks the step once you copied them).',
    );
  });
});
