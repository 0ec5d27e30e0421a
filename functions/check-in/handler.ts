import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ports, type Ports } from './ports.js';
import { logger } from '../../shared/app/logger.js';
import { httpHandler } from '../../shared/app/middleware.js';
import { plankCircuit } from '../../shared/domain/rules/plank-test.js';
import { localDateOf } from '../../shared/domain/time.js';
import type { Runner } from '../../shared/domain/types.js';
import { readLinkToken, type LinkPayload } from '../../shared/signing/links.js';
import { header, rawBody } from '../../shared/http/request.js';
import { HttpError } from '../../shared/http/errors.js';
import { error, escapeHtml, html } from '../../shared/http/response.js';
import { answerBackPain, logCoreSession, logPlankResult } from '../../shared/usecases/check-ins.js';
import { referIfBackPainPersists } from '../../shared/usecases/runner-jobs.js';
import { loadTrainingWeeks } from '../../shared/usecases/training-weeks.js';
import { page } from '../../shared/web/layout.js';

const wantsHtml = (event: APIGatewayProxyEventV2) => (header(event, 'accept') ?? 'text/html').includes('text/html');

function done(title: string, body: string) {
  return html(200, page(title, `<h1>${escapeHtml(title)}</h1>${body}<p><a href="/settings">Your settings and this week</a></p>`));
}

function form(token: string, name: string, options: [string, string][]): string {
  return `<form method="post" action="/c/${escapeHtml(token)}">${options
    .map(
      ([value, label]) =>
        `<button type="submit" name="${name}" value="${value}" id="${name}-${value}">${escapeHtml(label)}</button> `,
    )
    .join('')}</form>`;
}

/**
 * `GET /c/{token}`: the one-tap links in texts and emails. A core link logs the session at once (one
 * per day); a back-pain or plank link shows the question, and `POST /c/{token}` records the answer —
 * so a mail scanner that follows links cannot answer for the runner.
 */
export const handler = httpHandler(async (event: APIGatewayProxyEventV2) => {
  const ctx = await ports();
  const token = event.pathParameters?.['token'] ?? '';
  const check = readLinkToken(ctx.secrets.appSecret, token, ctx.clock.now());
  if (!check.ok) {
    const message =
      check.reason === 'expired' ? 'This link has expired; log it from your settings page instead.' : 'This link is not valid.';
    if (!wantsHtml(event))
      return error(check.reason === 'expired' ? 410 : 400, `link_${check.reason.replace('-', '_')}`, message);
    return html(
      check.reason === 'expired' ? 410 : 400,
      page('Link not valid', `<h1>Link not valid</h1><p>${escapeHtml(message)}</p><p><a href="/settings">Settings</a></p>`),
    );
  }
  const runner = await ctx.runners.getRunner(check.payload.runnerId);
  if (!runner) throw new HttpError(404, 'runner_not_found', 'This account no longer exists.');
  return event.requestContext.http.method === 'POST'
    ? answer(event, token, check.payload, runner, ctx)
    : show(token, check.payload, runner, ctx);
});

async function show(token: string, link: LinkPayload, runner: Runner, ctx: Ports) {
  const deps = { checkIns: ctx.checkIns, clock: ctx.clock };
  if (link.kind === 'core') {
    const logged = await logCoreSession(runner, undefined, false, deps);
    const today = localDateOf(ctx.clock.now(), runner.settings.timeZone);
    const week = (await loadTrainingWeeks(runner, today, { workouts: ctx.history, checkIns: ctx.checkIns })).current;
    logger.info('core check-in', { runnerId: runner.runnerId, counted: logged.ok && logged.counted });
    return done(
      'Core session logged',
      `<p id="result">${logged.ok && logged.counted ? 'Nice work.' : 'Already logged for today.'} That makes <strong>${week.coreSessions} of 3</strong> this week.</p>`,
    );
  }
  if (link.kind === 'pain') {
    return html(
      200,
      page(
        'Back pain check-in',
        `<h1>Any low back pain this week?</h1><p class="note">Week of ${escapeHtml(link.date)}.</p>${form(token, 'pain', [
          ['yes', 'Yes'],
          ['no', 'No'],
        ])}`,
      ),
    );
  }
  const steps = plankCircuit(true)
    .map((s) => `<li>${escapeHtml(s.name)}: ${s.seconds} s</li>`)
    .join('');
  return html(
    200,
    page(
      'Plank test',
      `<h1>The plank test</h1><ol>${steps}</ol><p>Did you hold every step?</p>${form(token, 'result', [
        ['completed', 'Yes, all of it'],
        ['not-completed', 'Not yet'],
      ])}`,
    ),
  );
}

async function answer(event: APIGatewayProxyEventV2, token: string, link: LinkPayload, runner: Runner, ctx: Ports) {
  const form = new URLSearchParams(rawBody(event));
  const deps = { checkIns: ctx.checkIns, clock: ctx.clock };
  if (link.kind === 'pain') {
    const pain = form.get('pain');
    if (pain !== 'yes' && pain !== 'no')
      throw new HttpError(400, 'invalid_answer', 'pain must be "yes" or "no"', [
        { field: 'pain', message: 'must be "yes" or "no"' },
      ]);
    await answerBackPain(runner, link.date, pain === 'yes', deps);
    if (pain === 'yes') {
      // The third week in a row may be this one: the referral goes out now, not a week later.
      const today = localDateOf(ctx.clock.now(), runner.settings.timeZone);
      const weeks = await loadTrainingWeeks(runner, today, { workouts: ctx.history, checkIns: ctx.checkIns });
      const referral = await referIfBackPainPersists(runner, weeks, ctx);
      if (referral) logger.info('back-pain referral', { runnerId: runner.runnerId, status: referral.outcome.status });
    }
    return done(
      'Thanks for telling us',
      pain === 'yes'
        ? '<p id="result">Noted. Keep up the core work and stretching; if it does not ease, we will suggest seeing a professional.</p>'
        : '<p id="result">Good to hear.</p>',
    );
  }
  if (link.kind === 'plank') {
    const result = form.get('result');
    if (result !== 'completed' && result !== 'not-completed')
      throw new HttpError(400, 'invalid_answer', 'result must be "completed" or "not-completed"', [
        { field: 'result', message: 'must be "completed" or "not-completed"' },
      ]);
    await logPlankResult(runner, link.date, result === 'completed', deps);
    return done(
      'Plank test logged',
      result === 'completed'
        ? '<p id="result">Good core strength. Well done.</p>'
        : '<p id="result">Logged. Core work three times a week will get you there.</p>',
    );
  }
  throw new HttpError(405, 'method_not_allowed', `POST is not used for ${token.slice(0, 4)}… core links`);
}
