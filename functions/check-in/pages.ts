import { plankCircuit } from '../../shared/domain/rules/plank-test.js';
import { escapeHtml } from '../../shared/http/response.js';
import type { CheckInOutcome } from '../../shared/usecases/answer-check-in.js';
import { page } from '../../shared/web/layout.js';

/** The one-tap check-in pages: the question a link asks, and what the runner sees after answering. */

function done(title: string, body: string): string {
  return page(title, `<h1>${escapeHtml(title)}</h1>${body}<p><a href="/settings">Your settings and this week</a></p>`);
}

/** Buttons that POST the answer back to the link, so a mail scanner following links answers nothing. */
function form(token: string, name: string, options: [string, string][]): string {
  return `<form method="post" action="/c/${escapeHtml(token)}">${options
    .map(
      ([value, label]) =>
        `<button type="submit" name="${name}" value="${value}" id="${name}-${value}">${escapeHtml(label)}</button> `,
    )
    .join('')}</form>`;
}

/** A core link opens this: one tap logs today's session (a link preview or a scanner's GET logs nothing). */
export function coreQuestionPage(token: string): string {
  return page(
    "Today's core session",
    `<h1>Done your core work today?</h1><p class="note">One tap logs today's session.</p>${form(token, 'done', [['yes', 'Yes, log it']])}`,
  );
}

export function backPainQuestionPage(token: string, weekStart: string): string {
  return page(
    'Back pain check-in',
    `<h1>Any low back pain this week?</h1><p class="note">Week of ${escapeHtml(weekStart)}.</p>${form(token, 'pain', [
      ['yes', 'Yes'],
      ['no', 'No'],
    ])}`,
  );
}

export function plankQuestionPage(token: string): string {
  const steps = plankCircuit(true)
    .map((s) => `<li>${escapeHtml(s.name)}: ${s.seconds} s</li>`)
    .join('');
  return page(
    'Plank test',
    `<h1>The plank test</h1><ol>${steps}</ol><p>Did you hold every step?</p>${form(token, 'result', [
      ['completed', 'Yes, all of it'],
      ['not-completed', 'Not yet'],
    ])}`,
  );
}

export function answeredPage(outcome: CheckInOutcome): string {
  if (outcome.kind === 'core')
    return done(
      'Core session logged',
      `<p id="result">${outcome.counted ? 'Nice work.' : 'Already logged for today.'} That makes <strong>${outcome.coreSessions} of 3</strong> this week.</p>`,
    );
  if (outcome.kind === 'pain')
    return done(
      'Thanks for telling us',
      outcome.pain
        ? '<p id="result">Noted. Keep up the core work and stretching; if it does not ease, we will suggest seeing a professional.</p>'
        : '<p id="result">Good to hear.</p>',
    );
  return done(
    'Plank test logged',
    outcome.completed
      ? '<p id="result">Good core strength. Well done.</p>'
      : '<p id="result">Logged. Core work three times a week will get you there.</p>',
  );
}
