import { describe, expect, it } from 'vitest';
import { heldTextExpiry, quietHoursApply } from '../../../shared/domain/text-delivery.js';

describe('quietHoursApply (training-rules.md, "Made exact")', () => {
  it('every text waits for the end of quiet hours ...', () => {
    for (const kind of ['post-run-stretch', 'core-nudge', 'speed-warning', 'plank-test', 'daily-stretch', 'sms-confirmation']) {
      expect(quietHoursApply({ channel: 'sms', kind })).toBe(true);
    }
  });

  it("... except a phone-verification code and a direct answer to the runner's own text", () => {
    expect(quietHoursApply({ channel: 'sms', kind: 'phone-verification' })).toBe(false);
    expect(quietHoursApply({ channel: 'sms', kind: 'sms-reply' })).toBe(false);
  });

  it('quiet hours never apply to email', () => {
    for (const kind of ['weekly-digest', 'plank-test', 'back-pain'])
      expect(quietHoursApply({ channel: 'email', kind })).toBe(false);
  });
});

describe('heldTextExpiry', () => {
  it('a core nudge produced Thursday 18:00 in Madrid expires at the next local midnight', () => {
    expect(heldTextExpiry('core-nudge', new Date('2026-06-04T16:00:00Z'), 'Europe/Madrid')?.toISOString()).toBe(
      '2026-06-04T22:00:00.000Z',
    );
  });

  it('on a 23-hour DST day the local day still ends at local midnight', () => {
    // Sat 2026-03-28 20:00 in Berlin (CET); Sunday 29 starts at 23:00Z, the clocks jump that night.
    expect(heldTextExpiry('core-nudge', new Date('2026-03-28T19:00:00Z'), 'Europe/Berlin')?.toISOString()).toBe(
      '2026-03-28T23:00:00.000Z',
    );
  });

  it('other held texts do not expire', () => {
    expect(heldTextExpiry('post-run-stretch', new Date('2026-06-04T16:00:00Z'), 'Europe/Madrid')).toBeNull();
  });
});
