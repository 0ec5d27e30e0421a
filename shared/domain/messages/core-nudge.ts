/**
 * The mid-week core nudge: how many core sessions so far against the target, a 10-minute ask, two or
 * three of the eight no-equipment exercises, and a check-in link. One GSM-7 segment; the link is never
 * cut: the name gives way first, then the wording, then the third and second exercise.
 */
import type { MessageKind } from '../types.js';
import { cleanSmsText, fitSms, smsCount, smsUrl, type SmsTemplate } from './sms.js';

export const CORE_NUDGE_KIND = 'core-nudge' satisfies MessageKind;

/** Minutes we ask for: short enough to say yes to on a busy day. */
export const CORE_SESSION_MINUTES = 10;

// Which exercises to name (rotating through the eight) is a rule: see rules/core-frequency.ts.

export interface CoreNudgeInput {
  firstName: string;
  /** Core sessions so far this week. */
  done: number;
  target: number;
  /** Two or three exercise names, e.g. from pickCoreExercises. */
  exercises: string[];
  checkInUrl: string;
}

/** "Glute bridge, bird dog, side plank" (first letter up, the rest as given). */
function exerciseList(names: string[]): string {
  const text = names.join(', ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * e.g. "Ana, 1 of 3 core sessions so far this week. 10 min today? Glute bridge, bird dog, side plank.
 * Done? Tap: https://…". Guaranteed GSM-7 and ≤ 160 septets with the link intact; throws MessageTooLongError only
 * for a link too long to fit any text.
 */
export function renderCoreNudge({ firstName, done, target, exercises, checkInUrl }: CoreNudgeInput): string {
  const url = smsUrl(checkInUrl);
  const d = smsCount(done);
  const t = smsCount(target);
  const min = CORE_SESSION_MINUTES;
  const names = (Array.isArray(exercises) ? exercises : [])
    .map(cleanSmsText)
    .filter((e) => e !== '')
    .slice(0, 3);

  const lists: string[] = [];
  for (let k = names.length; k >= 2; k--) lists.push(exerciseList(names.slice(0, k)));
  if (names.length === 1) lists.push(exerciseList(names));

  const templates: SmsTemplate[] = [];
  for (const ex of lists) {
    templates.push(
      (n) => `${n ? `${n}, ` : ''}${d} of ${t} core sessions so far this week. ${min} min today? ${ex}. Done? Tap: ${url}`,
      (n) => `${n ? `${n}, c` : 'C'}ore: ${d} of ${t} this week. ${min} min today? ${ex}. Done? ${url}`,
    );
  }
  templates.push(
    (n) => `${n ? `${n}, c` : 'C'}ore: ${d} of ${t} this week. ${min} min today? Done? Tap: ${url}`,
    () => `Core ${d}/${t}. Done? ${url}`,
    () => url,
  );
  return fitSms(templates, firstName);
}
