import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CORE_KEYWORDS,
  HELP_KEYWORDS,
  PLANK_SECONDS_MAX,
  parseReply,
  START_KEYWORDS,
  STOP_KEYWORDS,
} from '../../../shared/domain/replies/parse-reply.js';

const STOP_WORDS = [
  'STOP',
  'STOPALL',
  'STOP ALL',
  'UNSUBSCRIBE',
  'CANCEL',
  'END',
  'QUIT',
  'REVOKE',
  'OPT OUT',
  'OPTOUT',
  'OPT-OUT',
];

/** The ways a phone keyboard and a hurried thumb write one word. */
function spellings(word: string): string[] {
  const lower = word.toLowerCase();
  const title = lower.charAt(0).toUpperCase() + lower.slice(1);
  const alternating = [...lower].map((c, i) => (i % 2 ? c.toUpperCase() : c)).join('');
  return [
    word,
    lower,
    title,
    alternating,
    `  ${word}  `,
    `${word}\n`,
    `\t${title}.`,
    `${word}!!`,
    `${lower}?`,
    `"${word}"`,
    [...word.replace(/ /g, '')].join(' '), // "S T O P"
    word.replace(/ /g, ''), // "OPTOUT"
    word.replace(/ /g, '  '),
    `${title} please`,
    `Please ${lower}`,
    `${word} 🛑`,
    // full-width letters, as some keyboards in CJK locales send them
    [...word].map((c) => (/[A-Z]/.test(c) ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c)).join(''),
  ];
}

describe('parseReply: keywords in any casing and spacing', () => {
  it.each(STOP_WORDS)('%s is a STOP keyword', (word) => {
    for (const text of spellings(word)) expect(parseReply(text), JSON.stringify(text)).toEqual({ type: 'stop', via: 'keyword' });
  });

  it.each(['START', 'UNSTOP'])('%s opts back in', (word) => {
    for (const text of spellings(word)) expect(parseReply(text), JSON.stringify(text)).toEqual({ type: 'start' });
  });

  it.each(['HELP', 'INFO'])('%s asks for help', (word) => {
    for (const text of spellings(word)) expect(parseReply(text), JSON.stringify(text)).toEqual({ type: 'help' });
  });

  it.each(['DONE', 'CORE', 'CORE DONE'])('%s logs a core session', (word) => {
    for (const text of spellings(word)) expect(parseReply(text), JSON.stringify(text)).toEqual({ type: 'core' });
  });

  it('every listed keyword in random casing and padding', () => {
    const all = [
      ...STOP_KEYWORDS.map((k) => [k, 'stop'] as const),
      ...START_KEYWORDS.map((k) => [k, 'start'] as const),
      ...HELP_KEYWORDS.map((k) => [k, 'help'] as const),
      ...CORE_KEYWORDS.map((k) => [k, 'core'] as const),
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...all),
        fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
        fc.constantFrom('', ' ', '   ', '\n', '\t'),
        fc.constantFrom('', '.', '!', ' ', '\r\n'),
        ([keyword, type], upper, before, after) => {
          const cased = [...keyword].map((c, i) => (upper[i % upper.length] ? c.toUpperCase() : c)).join('');
          expect(parseReply(`${before}${cased}${after}`).type).toBe(type);
        },
      ),
    );
  });
});

describe('parseReply: opt-outs in plain language', () => {
  it.each([
    'stop texting me',
    'Stop texting me!',
    'Please stop sending me these messages',
    "Don't text me",
    'do not text me again',
    'Never contact me again',
    'no more texts',
    'No more messages please',
    'NO MORE REMINDERS',
    'I want to opt out',
    "I'd like to opt-out",
    'opting out',
    'unsubscribe me',
    'Please unsubscribe me from this',
    'remove me from your list',
    'Take me off your list',
    'stop it',
    'Stop this please',
    'stop these texts',
    'cancel my subscription',
    'end the messages',
    'stop all alerts',
    'I want to stop getting texts',
    'quit messaging me',
    'leave me alone',
    'Wrong number',
    'delete my number',
    'STOP TEXTING ME 😡',
  ])('%j opts out', (text) => {
    expect(parseReply(text).type).toBe('stop');
  });

  it.each([
    "I can't stop running",
    'I cant stop running lol',
    "Don't stop texting me, I love these",
    'never stop sending these!',
    'Stopped at the park for stretches',
    'Sign me up for more',
    'The end of my run was tough',
    'Cancelled my run today, will go tomorrow',
    'Can I start tomorrow?',
    'Helpful, thanks',
    'done with the long run',
    'Stop light caught me twice on the tempo',
    'quite a good session',
  ])('%j is not an opt-out', (text) => {
    expect(parseReply(text).type).not.toBe('stop');
  });
});

describe('parseReply: pain', () => {
  it.each([
    ['PAIN YES', true],
    ['pain yes', true],
    ['Pain  Yes.', true],
    ['painyes', true],
    ['P A I N Y E S', true],
    ['PAIN NO', false],
    ['pain no', false],
    ['PAINNO', false],
    ['pain none', false],
    ['Pain: y', true],
    ['pain n', false],
  ] as const)('%j', (text, pain) => {
    expect(parseReply(text)).toEqual({ type: 'pain', pain });
  });

  it('PAIN 0 to PAIN 10 is a score; 0 means no pain', () => {
    for (let score = 0; score <= 10; score++) {
      for (const text of [`PAIN ${score}`, `pain${score}`, `Pain ${score}/10`, `pain ${score} out of 10`]) {
        expect(parseReply(text), text).toEqual({ type: 'pain', pain: score > 0, score });
      }
    }
  });

  it.each(['PAIN 11', 'pain 100', 'pain -1', 'PAIN 12/10', 'pain 999', 'pain', 'PAIN maybe'])(
    '%j is out of range: not an answer',
    (text) => {
      expect(parseReply(text)).toEqual({ type: 'other' });
    },
  );
});

describe('parseReply: plank', () => {
  it.each([
    ['PLANK 150', 150],
    ['plank 150', 150],
    ['Plank 150s', 150],
    ['plank 150 sec', 150],
    ['plank 150 seconds', 150],
    ['PLANK150', 150],
    ['plank 2:30', 150],
    ['Plank 3 min', 180],
    ['plank 0', 0],
    ['plank 45', 45],
    [`plank ${PLANK_SECONDS_MAX}`, PLANK_SECONDS_MAX],
  ] as const)('%j is %d seconds', (text, seconds) => {
    expect(parseReply(text)).toEqual({ type: 'plank', seconds });
  });

  it.each(['plank', 'PLANK lots', `plank ${PLANK_SECONDS_MAX + 1}`, 'plank 99999', 'plank 31 min', 'plank -5', 'plank 1.5'])(
    '%j is out of range or not a number: not a result',
    (text) => {
      expect(parseReply(text)).toEqual({ type: 'other' });
    },
  );
});

describe('parseReply: everything else', () => {
  it.each(['', '   ', '\n\t', '🏃‍♂️', '?', 'hello', 'thanks!', 'What is this?', 'ok'])('%j is other', (text) => {
    expect(parseReply(text)).toEqual({ type: 'other' });
  });

  it('a 1,600-character body is read without tripping on its length', () => {
    expect(parseReply('a'.repeat(1600))).toEqual({ type: 'other' });
    expect(parseReply(`${'great run today '.repeat(99)}`.slice(0, 1600))).toEqual({ type: 'other' });
    const rant = `${'I have had enough of this, '.repeat(57)}stop texting me`;
    expect(rant.length).toBeGreaterThan(1500);
    expect(parseReply(rant.slice(-1600))).toEqual({ type: 'stop', via: 'phrase' });
    // A keyword buried in a long text is not a keyword on its own.
    expect(parseReply(`${'x '.repeat(790)}DONE`).type).toBe('other');
  });

  it('non-GSM characters: emoji, accents, other scripts, zero-width and control characters', () => {
    expect(parseReply('Dóne ✅')).toEqual({ type: 'core' });
    expect(parseReply('STOP\u200b')).toEqual({ type: 'stop', via: 'keyword' });
    expect(parseReply('\u0000HELP\u0007')).toEqual({ type: 'help' });
    expect(parseReply('стоп')).toEqual({ type: 'other' });
    expect(parseReply('停止')).toEqual({ type: 'other' });
    expect(parseReply('💪💪💪')).toEqual({ type: 'other' });
    expect(parseReply('\ud83d')).toEqual({ type: 'other' }); // a lone surrogate
  });

  it('never throws, whatever arrives', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), (text) => {
        expect(['stop', 'start', 'help', 'core', 'pain', 'plank', 'other']).toContain(parseReply(text).type);
      }),
    );
  });
});
