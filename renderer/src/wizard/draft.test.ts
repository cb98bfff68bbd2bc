import { describe, expect, it } from 'vitest';
import { EMPTY_DRAFT, fieldErrors, type Draft } from './draft';

const HEX = '0123456789abcdef0123456789abcdef';
const frontline: Draft = { ...EMPTY_DRAFT, mode: 'frontline', idp: 'okta', realmSid: `JB${HEX}` };

describe('the Frontline Workspace ID blocks nothing', () => {
  it.each(['acme', `WS${HEX}`, `WK${HEX}`, ''])('%j: no error, so Next is never held back by it', (value) => {
    expect(fieldErrors({ ...frontline, frontlineWorkspaceId: value }).frontlineWorkspaceId).toBeUndefined();
  });
});
