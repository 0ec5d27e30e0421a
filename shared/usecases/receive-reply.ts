/**
 * A text a runner sent us (issue 9, part 4), parsed with shared/domain/replies/parse-reply.ts; every
 * answer leaves through the one sender as kind `sms-reply`. Unknown numbers, and numbers that are no
 * longer (or not yet) a runner's verified number, get nothing.
 *
 * - STOP family / plain-language opt-out: opted out at once, one confirmation, nothing after (a second
 *   STOP is not answered again).
 * - START / UNSTOP: opted back in; texting START is consent by text when none is on record.
 * - HELP / INFO: who we are, what we send, how to stop, where to read more (answered even when opted out).
 * - anything else: at most one short help reply per local day.
 * - DONE / CORE: today's core session, counted once per local day, answered with this week's "x of 3".
 * PAIN and PLANK are not handled here yet (they answer like "anything else").
 */
import { giveConsent, hasConsent } from '../domain/phone/consent.js';
import { isVerified } from '../domain/phone/verification.js';
import { parseReply } from '../domain/replies/parse-reply.js';
import { localDateOf } from '../domain/time.js';
import type { Runner } from '../domain/types.js';
import type { CheckInStore, RunnerStore, WorkoutStore } from '../ports/index.js';
import { logCoreSession } from './check-ins.js';
import { currentWeek } from './runner-profile.js';
import { sendMessage, type MessageAsk, type SendMessageDeps } from './send-message.js';

export interface ReceiveReplyDeps extends SendMessageDeps {
  runners: Pick<RunnerStore, 'getRunner' | 'setSmsOptOut'>;
  checkIns: CheckInStore;
  workouts: Pick<WorkoutStore, 'listWorkouts'>;
  /** Base of the public pages named in the HELP text. */
  publicUrl: string;
}

export type ReplyHandled =
  | 'ignored'
  | 'opted-out'
  | 'already-opted-out'
  | 'opted-in'
  | 'help'
  | 'help-once'
  | 'not-answered'
  | 'core-logged'
  | 'core-already-logged';

export const STOP_TEXT = 'RunNudge: you will get no more texts from us. Reply START to turn them back on.';
export const START_TEXT = 'RunNudge: texts are back on. Reply HELP for help, STOP to stop. Msg & data rates may apply.';
export const helpText = (publicUrl: string) =>
  `RunNudge: training nudges after your runs, up to 3 texts a day. Reply STOP to stop. More: ${publicUrl}/terms`;
export const OTHER_TEXT = 'RunNudge: we did not understand that. Reply HELP for help or STOP to stop texts.';

/**
 * `inboundId` names the incoming text (End User Messaging's inboundMessageId on AWS): a redelivery of
 * the same text is answered once. Without it, the arrival instant stands in.
 */
export async function receiveReply(
  from: string,
  text: string,
  deps: ReceiveReplyDeps,
  inboundId?: string,
): Promise<ReplyHandled> {
  const runnerId = await deps.phones.findRunnerIdByPhone(from);
  const runner = runnerId ? await deps.runners.getRunner(runnerId) : null;
  if (!runner || runner.settings.phone !== from) return 'ignored';
  if (!isVerified(await deps.phones.getVerification(runner.runnerId), from)) return 'ignored';
  const now = deps.clock.now();
  const at = now.toISOString();
  const id = inboundId ?? at;
  const reply = (r: Runner, body: string, ledgerKey: string, kind: MessageAsk['reply']) =>
    sendMessage(
      r,
      { message: { runnerId: r.runnerId, channel: 'sms', kind: 'sms-reply', text: body }, ledgerKey, reply: kind },
      deps,
    );

  const parsed = parseReply(text);
  switch (parsed.type) {
    case 'stop': {
      if (runner.smsOptedOutAt) return 'already-opted-out';
      const stopped = await deps.runners.setSmsOptOut(runner.runnerId, at);
      await reply(stopped, STOP_TEXT, `sms-reply#stop#${id}`, 'opt-out-confirmation');
      return 'opted-out';
    }
    case 'start': {
      const started = runner.smsOptedOutAt ? await deps.runners.setSmsOptOut(runner.runnerId, null) : runner;
      if (!hasConsent(await deps.phones.getConsent(runner.runnerId), from)) {
        await deps.phones.putConsent(runner.runnerId, giveConsent(from, now, 'sms-start'));
      }
      await reply(started, START_TEXT, `sms-reply#start#${id}`, 'other');
      return 'opted-in';
    }
    case 'core': {
      // explicit=false: keyed by the local day, so a second DONE the same day does not count again.
      const logged = await logCoreSession(runner, undefined, false, deps);
      const week = await currentWeek(runner, deps);
      const counted = logged.ok && logged.counted;
      const body = `RunNudge: ${counted ? 'core session logged' : 'already logged today'}. ${week.coreSessions} of ${week.coreTarget} this week.`;
      await reply(runner, body, `sms-reply#core#${id}`, 'other');
      return counted ? 'core-logged' : 'core-already-logged';
    }
    case 'help':
      await reply(runner, helpText(deps.publicUrl), `sms-reply#help#${id}`, 'help');
      return 'help';
    default: {
      // One per local day: the ledger key is the day, so a second unknown text is not answered.
      const day = localDateOf(now, runner.settings.timeZone);
      const out = await reply(runner, OTHER_TEXT, `sms-reply#other#${day}`, 'other');
      return out.status === 'sent' ? 'help-once' : 'not-answered';
    }
  }
}
