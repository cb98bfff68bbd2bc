// Preloaded into a test IdP process (node --require) to run it with a wrong clock, as an IdP server
// whose time is not synchronised: every `new Date()` and `Date.now()` is shifted by
// FLEX_SSO_TEST_CLOCK_SHIFT_MS milliseconds.
/* global process */
'use strict';
const shift = Number(process.env.FLEX_SSO_TEST_CLOCK_SHIFT_MS || 0);
if (shift !== 0) {
  const RealDate = Date;
  class ShiftedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(RealDate.now() + shift);
      else super(...args);
    }
    static now() {
      return RealDate.now() + shift;
    }
  }
  globalThis.Date = ShiftedDate;
}
