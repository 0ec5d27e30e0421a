/**
 * What a runner meant by a text they sent us. Keywords are matched case- and spacing-insensitively
 * ("Stop", " S T O P ", "opt-out", "OPTOUT", "ＳＴＯＰ", "STOP 🛑"); opt-outs are also recognised in
 * plain language ("stop texting me", "no more texts"), because carriers and the FCC's 2025 revocation
 * rule require an opt-out given "by any reasonable means" to be honoured. A sentence that only contains
 * the word ("I can't stop running") is not an opt-out. Pure: no clock, no storage.
 */

export type ParsedReply =
  /** `via`: a keyword on its own, or a plain-language request. */
  | { type: 'stop'; via: 'keyword' | 'phrase' }
  | { type: 'start' }
  | { type: 'help' }
  | { type: 'core' }
  /** `score` when the runner answered on the 0–10 scale (0 is "no pain"). */
  | { type: 'pain'; pain: boolean; score?: number }
  | { type: 'plank'; seconds: number }
  | { type: 'other' };

/** The STOP family, compared with spaces removed ("OPT OUT" = "OPTOUT"). */
export const STOP_KEYWORDS: readonly string[] = ['stop', 'stopall', 'unsubscribe', 'cancel', 'end', 'quit', 'revoke', 'optout'];
export const START_KEYWORDS: readonly string[] = ['start', 'unstop'];
export const HELP_KEYWORDS: readonly string[] = ['help', 'info'];
export const CORE_KEYWORDS: readonly string[] = ['done', 'core', 'coredone', 'donecore'];

export const PAIN_SCORE_MAX = 10;
/** A plank result longer than this is a typo, not a hold (the full circuit is 150 s of holds). */
export const PLANK_SECONDS_MAX = 1800;
/** An inbound SMS is at most 1,600 characters (10 concatenated segments); nothing longer is read. */
export const REPLY_MAX_CHARS = 1600;

/** Words that add politeness, not meaning, around a keyword ("STOP please", "ok stop now thanks"). */
const FILLER = new Set([
  'please',
  'pls',
  'plz',
  'plse',
  'now',
  'thanks',
  'thank',
  'you',
  'thx',
  'ty',
  'ok',
  'okay',
  'just',
  'already',
  'asap',
  'me',
]);

/**
 * Lower case, compatibility forms folded (full-width letters, ligatures), accents kept apart from
 * their letters and dropped, apostrophes removed ("don't" → "dont"), anything else that is not a
 * letter or digit turned into a space, spaces collapsed.
 */
export function normalizeReply(body: string): string {
  return body
    .slice(0, REPLY_MAX_CHARS)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['‘’ʼ`´]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const compact = (words: string) => words.replace(/ /g, '');

const NOUNS = '(?:texts?|txts?|messages?|msgs?|sms|notifications?|reminders?|nudges?|alerts?|spam)';
const VERBS = '(?:texting|txting|messaging|sending|contacting|spamming|bugging|pinging|notifying)';
const NOT = '(?:dont|do not|never|not|cant|cannot|wont|shouldnt)';

/** Plain-language opt-outs, on the normalised text (single spaces, no punctuation, no apostrophes). */
const OPT_OUT_PHRASES: readonly RegExp[] = [
  // "stop texting me", "please quit sending these", "cease contacting me"
  new RegExp(`\\b(?:stop|quit|cease|end) ${VERBS}\\b`),
  // "stop getting texts", "I want to stop receiving messages"
  new RegExp(`\\b(?:stop|quit|cease) (?:getting|receiving) (?:any |these |the |your |all |those )?(?:${NOUNS}|them|this)\\b`),
  // "stop these texts", "cancel my subscription", "end the messages", "stop all alerts"
  new RegExp(
    `\\b(?:stop|quit|end|cancel) (?:the|these|this|those|your|all|my|all the|all these|all of the|all of these) (?:${NOUNS}|subscription|service|list)\\b`,
  ),
  // "stop it", "stop them", "stop this": only as the whole message
  /^(?:please )?(?:stop|quit|cancel|end) (?:it|this|that|them|all|everything)(?: please| now| thanks| thank you)*$/,
  // "no more texts", "no more messages please"
  new RegExp(`\\bno more ${NOUNS}\\b`),
  // "don't text me", "do not message me again", "never contact me"
  /\b(?:dont|do not|never|stop) (?:text|txt|message|msg|sms|contact|call|ping) (?:me|us|this number)\b/,
  // "unsubscribe me", "remove me from the list", "take me off your list", "opt me out", "delete my number"
  /\b(?:remove|delete|opt|unsubscribe|unsub|unenroll|unregister) me\b/,
  // "take me off your list", "sign me out"; not "sign me up"
  /\b(?:take|sign|drop|cross|strike) me (?:off|out|from)\b/,
  /\b(?:remove|delete|erase) (?:my|this) (?:number|phone|phone number|account|info)\b/,
  // "I want to opt out", "opting out", "opt-out please"
  /\bopt(?:ing|ed)? ?out\b/,
  /\bunsubscribe\b/,
  /\bunsub\b/,
  /\bleave me alone\b/,
  /\bwrong number\b/,
];

function isOptOutPhrase(text: string): boolean {
  for (const pattern of OPT_OUT_PHRASES) {
    const match = pattern.exec(text);
    if (!match) continue;
    // "don't stop texting me" and "never stop sending these" ask for the opposite.
    const before = text.slice(0, match.index).trimEnd();
    if (/^(?:stop|quit|cease|end)/.test(match[0]) && new RegExp(`\\b${NOT}$`).test(before)) continue;
    return true;
  }
  return false;
}

/** "pain yes", "PAIN NO", "pain 0".."pain 10", "pain 7/10", "painyes". */
function parsePain(text: string): ParsedReply | null {
  const m = /^pain ?(yes|y|yeah|yep|no|n|nope|none|\d{1,3})(?: ?(?:of|out of) ?10| 10)?$/.exec(text);
  if (!m) return null;
  const answer = m[1]!;
  if (/^\d+$/.test(answer)) {
    const score = Number(answer);
    if (score > PAIN_SCORE_MAX) return null;
    return { type: 'pain', pain: score > 0, score };
  }
  return { type: 'pain', pain: ['yes', 'y', 'yeah', 'yep'].includes(answer) };
}

/** "plank 150", "PLANK 150s", "plank 150 seconds", "plank 2:30" (minutes and seconds), "plank150". */
function parsePlank(raw: string, text: string): ParsedReply | null {
  const clock = /^\s*plank\s*(\d{1,2}):([0-5]\d)\s*(?:min|mins|minutes)?\s*[.!]*\s*$/i.exec(raw.normalize('NFKC'));
  const seconds = clock
    ? Number(clock[1]) * 60 + Number(clock[2])
    : (() => {
        const m = /^plank ?(\d{1,5}) ?(s|sec|secs|second|seconds|m|min|mins|minute|minutes)?$/.exec(text);
        if (!m) return null;
        const n = Number(m[1]);
        return m[2] && m[2].startsWith('m') ? n * 60 : n;
      })();
  if (seconds === null || seconds > PLANK_SECONDS_MAX) return null;
  return { type: 'plank', seconds };
}

export function parseReply(body: string): ParsedReply {
  const text = normalizeReply(String(body ?? ''));
  if (text === '') return { type: 'other' };
  const whole = compact(text);
  // The keyword with politeness around it: "STOP please", "thanks, stop".
  const essential = compact(
    text
      .split(' ')
      .filter((w) => !FILLER.has(w))
      .join(' '),
  );
  if (STOP_KEYWORDS.includes(whole) || STOP_KEYWORDS.includes(essential)) return { type: 'stop', via: 'keyword' };
  if (START_KEYWORDS.includes(whole) || START_KEYWORDS.includes(essential)) return { type: 'start' };
  if (HELP_KEYWORDS.includes(whole) || HELP_KEYWORDS.includes(essential)) return { type: 'help' };
  if (CORE_KEYWORDS.includes(whole) || CORE_KEYWORDS.includes(essential)) return { type: 'core' };
  // Spacing-insensitive like the keywords, for a text typed letter by letter ("P A I N Y E S"); only
  // then, so "plank 1.5" never reads as 15.
  const spelled = /^(?:\S ){3,}\S$/.test(text) ? whole : null;
  const raw = String(body ?? '').slice(0, REPLY_MAX_CHARS);
  // Normalising drops the minus sign; "pain -1" and "plank -5" are not answers.
  const negative = /[-\u2212\u2013]\s*\d/.test(raw);
  const pain = negative ? null : (parsePain(text) ?? (spelled ? parsePain(spelled) : null));
  if (pain) return pain;
  const plank = negative ? null : (parsePlank(raw, text) ?? (spelled ? parsePlank(raw, spelled) : null));
  if (plank) return plank;
  if (isOptOutPhrase(text)) return { type: 'stop', via: 'phrase' };
  return { type: 'other' };
}
