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
 * DONE/CORE, PAIN and PLANK are not handled here yet (they answer like "anything else").
 */
import { giveConsent, hasConsent } from '../domain/phone/consent.js';
import { isVerified } from '../domain/phone/verification.js';
import { parseReply } from '../domain/replies/parse-reply.js';
import { localDateOf } from '../domain/time.js';
import type { Runner } from '../domain/types.js';
import type { RunnerStore } from '../ports/index.js';
import { sendMessage, type MessageAsk, type SendMessageDeps } from './send-message.js';

export interface ReceiveReplyDeps extends SendMessageDeps {
  runners: Pick<RunnerStore, 'getRunner' | 'setSmsOptOut'>;
  /** Base of the public pages named in the HELP text. */
  publicUrl: string;
}

export type ReplyHandled = 'ignored' | 'opted-out' | 'already-opted-out' | 'opted-in' | 'help' | 'help-once' | 'not-answered';

export const STOP_TEXT = 'RunNudge: you will get no more texts from us. Reply START to turn them back on.';
export const START_TEXT = 'RunNudge: texts are back on. Reply HELP for help, STOP to stop. Msg & data rates may apply.';
export const helpText = (publicUrl: string) =>
  `RunNudge: training nudges after your runs, up to 3 texts a day. Reply STOP to stop. More: ${publicUrl}/terms`;
export const OTHER_TEXT = 'RunNudge: we did not understand that. Reply HELP for help or STOP to stop texts.';

export async function receiveReply(from: string, text: string, deps: ReceiveReplyDeps): Promise<ReplyHandled> {
  const runnerId = await deps.phones.findRunnerIdByPhone(from);
  const runner = runnerId ? await deps.runners.getRunner(runnerId) : null;
  if (!runner || runner.settings.phone !== from) return 'ignored';
  if (!isVerified(await deps.phones.getVerification(runner.runnerId), from)) return 'ignored';
  const now = deps.clock.now();
  const at = now.toISOString();
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
      await reply(stopped, STOP_TEXT, `sms-reply#stop#${at}`, 'opt-out-confirmation');
      return 'opted-out';
    }
    case 'start': {
      const started = runner.smsOptedOutAt ? await deps.runners.setSmsOptOut(runner.runnerId, null) : runner;
      if (!hasConsent(await deps.phones.getConsent(runner.runnerId), from)) {
        await deps.phones.putConsent(runner.runnerId, giveConsent(from, now, 'sms-start'));
      }
      await reply(started, START_TEXT, `sms-reply#start#${at}`, 'other');
      return 'opted-in';
    }
    case 'help':
      await reply(runner, helpText(deps.publicUrl), `sms-reply#help#${at}`, 'help');
      return 'help';
    default: {
      // One per local day: the ledger key is the day, so a second unknown text is not answered.
      const day = localDateOf(now, runner.settings.timeZone);
      const out = await reply(runner, OTHER_TEXT, `sms-reply#other#${day}`, 'other');
      return out.status === 'sent' ? 'help-once' : 'not-answered';
    }
  }
}
