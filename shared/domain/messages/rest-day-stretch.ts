/**
 * The optional daily hamstring reminder (training-rules.md: "a day without a run; optional daily
 * reminder, off by default"): the wall stretch is meant for every day, runs or not.
 */
import { STRETCH } from '../defaults.js';
import type { MessageKind } from '../types.js';
import { fitSms, type SmsTemplate } from './sms.js';

export const REST_DAY_STRETCH_KIND = 'daily-stretch' satisfies MessageKind;

export function renderRestDayStretch({ firstName }: { firstName: string }): string {
  const holds = `${STRETCH.hamstringHolds}x${STRETCH.hamstringHoldSeconds}s`;
  const templates: SmsTemplate[] = [
    (n) =>
      `${n ? `${n}, n` : 'N'}o run today, but your hamstrings still want their stretch: lie by a wall, legs straight up it, ${holds}. -runnudge`,
    (n) => `${n ? `${n}, r` : 'R'}est day hamstring stretch: legs up the wall, ${holds}. -runnudge`,
  ];
  return fitSms(templates, firstName);
}
