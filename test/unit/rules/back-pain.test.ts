import { InvalidValueError } from '../../../shared/domain/errors.js';
import { describe, expect, it } from 'vitest';
import { backPainReferralDue, type BackPainReport } from '../../../shared/domain/rules/back-pain.js';
import { S } from '../week/helpers.js';

const r = (week: string, pain = true, coreSessions = 3): BackPainReport => ({ week, pain, coreSessions });

describe('backPainReferralDue (3 consecutive weeks of pain with core ≥ 3)', () => {
  it('three consecutive weeks → referral', () => {
    expect(backPainReferralDue([r('2026-W10'), r('2026-W09'), r('2026-W08')], S)).toEqual({
      rule: 'back-pain-referral',
      weeks: 3,
    });
  });

  it('weeks may be given as Mondays, and the streak crosses the year (2027-W01, 2026-W53, 2026-W52)', () => {
    expect(backPainReferralDue([r('2027-01-04'), r('2026-W53'), r('2026-12-21')], S)).not.toBeNull();
  });

  it('not with two weeks, a gap, a pain-free week or a week with too little core work', () => {
    expect(backPainReferralDue([r('2026-W10'), r('2026-W09')], S)).toBeNull();
    expect(backPainReferralDue([r('2026-W10'), r('2026-W09'), r('2026-W07')], S)).toBeNull();
    expect(backPainReferralDue([r('2026-W10', false), r('2026-W09'), r('2026-W08'), r('2026-W07')], S)).toBeNull();
    // Core 2 in the middle week: pain without enough core work → more core first, no referral yet.
    expect(backPainReferralDue([r('2026-W10'), r('2026-W09', true, 2), r('2026-W08')], S)).toBeNull();
  });

  it('a longer streak is not a new referral every week: again at 6 weeks', () => {
    const weeks = ['2026-W10', '2026-W09', '2026-W08', '2026-W07', '2026-W06', '2026-W05'].map((w) => r(w));
    expect(backPainReferralDue(weeks.slice(0, 4), S)).toBeNull();
    expect(backPainReferralDue(weeks.slice(0, 5), S)).toBeNull();
    expect(backPainReferralDue(weeks, S)).toEqual({ rule: 'back-pain-referral', weeks: 6 });
  });

  it('rejects a week that does not exist', () => {
    expect(() => backPainReferralDue([r('2027-W53')], S)).toThrow(InvalidValueError);
  });
});
