/**
 * The plank test, offered every few weeks on a rest day to runners with enough history: a short text
 * with a link, or an email listing the circuit. Less advanced runners get shorter holds (the caller
 * passes the steps with their seconds).
 */
import type { MessageKind } from '../types.js';
import { count, minutesSeconds } from './format.js';
import {
  button,
  cleanEmailName,
  emailDocument,
  escapeHtml,
  footerRow,
  greeting,
  headerRow,
  MUTED,
  p,
  row,
  type RenderedEmail,
} from './html.js';
import { fitSms, smsUrl, type SmsTemplate } from './sms.js';

export const PLANK_TEST_KIND = 'plank-test' satisfies MessageKind;

export interface PlankTestSmsInput {
  firstName: string;
  /** Averaged ≥ 15 km a week: the full circuit (150 s of holds); otherwise each hold 10 s shorter. */
  advanced: boolean;
  logUrl: string;
}

/**
 * The full circuit's holds add up to 150 s; the article's "three minutes" includes the moves between
 * them, so the texts speak of the holds.
 */
export const FULL_CIRCUIT_WORDS = 'about two and a half minutes of holds';

/** "about two and a half minutes of holds" for the full 150 s, otherwise e.g. "1 min 30 s of holds". */
export function holdsWords(totalSeconds: number): string {
  const t = count(totalSeconds);
  return t === 150 ? FULL_CIRCUIT_WORDS : `${minutesSeconds(t)} of holds`;
}

/**
 * e.g. "Ana, rest day today: a good moment for the plank test (about two and a half minutes of holds).
 * Moves and log: https://…". Always GSM-7 and ≤ 160 septets with the link intact.
 */
export function renderPlankTestSms({ firstName, advanced, logUrl }: PlankTestSmsInput): string {
  const url = smsUrl(logUrl);
  const test = advanced ? `the plank test (${FULL_CIRCUIT_WORDS})` : 'the plank test (shorter holds)';
  const templates: SmsTemplate[] = [
    (n) => `${n ? `${n}, r` : 'R'}est day today: a good moment for ${test}. See the moves and log how far you got: ${url}`,
    (n) => `${n ? `${n}, r` : 'R'}est day today: a good moment for ${test}. Moves and log: ${url}`,
    (n) => `${n ? `${n}, r` : 'R'}est day: try ${test}. Moves + log: ${url}`,
    () => `Plank test: ${url}`,
    () => url,
  ];
  return fitSms(templates, firstName);
}

export interface PlankStep {
  name: string;
  seconds: number;
}

export interface PlankTestEmailInput {
  firstName: string;
  /** The circuit in order, holds already shortened for less advanced runners. */
  steps: PlankStep[];
  logUrl: string;
}

const HOW_TO = [
  'On your forearms, elbows under your shoulders, body in one straight line from head to heels.',
  'Go straight from one position to the next without resting; breathe normally.',
  'Stop where your hips sag or your back complains: how far you got is your result.',
];

/** The circuit as an email: why, the steps with their holds, how to do it, and a link to log the result. */
export function renderPlankTestEmail({ firstName, steps, logUrl }: PlankTestEmailInput): RenderedEmail {
  const name = cleanEmailName(firstName);
  const list = (Array.isArray(steps) ? steps : []).map((s) => ({
    name:
      String(s?.name ?? '')
        .replace(/\s+/g, ' ')
        .trim() || 'Hold',
    seconds: count(s?.seconds ?? 0),
  }));
  const total = holdsWords(list.reduce((sum, s) => sum + s.seconds, 0));

  const subject = 'Rest day? Time for the plank test';
  const intro =
    "It's a rest day, which makes it a good day to check in on your core. This plank circuit is a simple test: " +
    'hold every position to the end and your core is in good shape for your running. If you stop early, ' +
    "that's useful too: it shows where your core work can go next.";

  const text = [
    greeting(name),
    '',
    intro,
    '',
    `The circuit (${total} in all):`,
    ...list.map((s, i) => `  ${i + 1}. ${s.name}: ${s.seconds} s`),
    '',
    'How to:',
    ...HOW_TO.map((h) => `  - ${h}`),
    '',
    `Log how far you got: ${logUrl}`,
    '',
    'This is a fitness check, not a medical test. -- runnudge',
    '',
  ].join('\n');

  const stepRows = list
    .map(
      (s, i) =>
        `<tr><td style="padding:6px 12px 6px 0;color:${MUTED};width:24px;vertical-align:top;">${i + 1}.</td>` +
        `<td style="padding:6px 12px 6px 0;">${escapeHtml(s.name)}</td>` +
        `<td style="padding:6px 0;text-align:right;white-space:nowrap;font-weight:600;">${s.seconds} s</td></tr>`,
    )
    .join('');

  const html = emailDocument(subject, `The plank circuit: ${total}, on your elbows.`, [
    headerRow('The plank test', `${list.length} holds, ${total} in all`),
    row(p(escapeHtml(greeting(name))) + p(escapeHtml(intro))),
    row(
      `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-top:1px solid #e4e7eb;border-bottom:1px solid #e4e7eb;">${stepRows}</table>`,
    ),
    row(
      `<ul style="margin:0;padding:0 0 0 20px;">${HOW_TO.map((h) => `<li style="margin:0 0 6px;">${escapeHtml(h)}</li>`).join('')}</ul>`,
    ),
    row(button(logUrl, 'Log my result')),
    footerRow(escapeHtml('This is a fitness check, not a medical test. — runnudge')),
  ]);
  return { subject, text, html };
}
