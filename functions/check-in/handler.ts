import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ports } from './ports.js';
import { logger } from '../../shared/app/logger.js';
import { httpHandler } from '../../shared/app/middleware.js';
import { readLinkToken, type LinkPayload } from '../../shared/signing/links.js';
import { rawBody } from '../../shared/http/request.js';
import { HttpError } from '../../shared/http/errors.js';
import { html } from '../../shared/http/response.js';
import { errorPage } from '../../shared/web/error-page.js';
import { answerCheckIn, type CheckInAnswer } from '../../shared/usecases/answer-check-in.js';
import { answeredPage, backPainQuestionPage, coreQuestionPage, plankQuestionPage } from './pages.js';

/**
 * `GET /c/{token}`: the one-tap links in texts and emails. Every link shows a page with the question
 * and its button(s); only `POST /c/{token}` records the answer (a core session counts once per local
 * day) — so a phone's link preview or a mail scanner that follows links cannot answer for the runner.
 */
export const handler = httpHandler(async (event: APIGatewayProxyEventV2) => {
  const ctx = await ports();
  const token = event.pathParameters?.['token'] ?? '';
  const check = readLinkToken(ctx.secrets.appSecret, token, ctx.clock.now());
  // A browser route: whatever asked (a phone, a mail scanner, curl), a bad link gets the error page.
  if (!check.ok) return errorPage(check.reason === 'expired' ? 'link-expired' : 'link-not-valid');
  const link = check.payload;
  const runner = await ctx.runners.getRunner(link.runnerId);
  // A link from before the runner disconnected: their data is gone, so say so and offer a new start.
  if (!runner) return errorPage('runner-gone');

  let answer: CheckInAnswer;
  if (event.requestContext.http.method === 'POST') answer = parseAnswer(rawBody(event), link, token);
  else if (link.kind === 'core') return html(200, coreQuestionPage(token));
  else return html(200, link.kind === 'pain' ? backPainQuestionPage(token, link.date) : plankQuestionPage(token));

  // The week's figures (ctx.history), not raw tracker activities, which expire after TRACKER_DATA_DAYS.
  const outcome = await answerCheckIn(runner, link, answer, { ...ctx, workouts: ctx.history });
  if (outcome.kind === 'core') logger.info('core check-in', { runnerId: runner.runnerId, counted: outcome.counted });
  if (outcome.kind === 'pain' && outcome.referral)
    logger.info('back-pain referral', { runnerId: runner.runnerId, status: outcome.referral.outcome.status });
  return html(200, answeredPage(outcome));
});

/** The form a question page posts: `pain=yes|no` for a back-pain link, `result=…` for a plank link. */
function parseAnswer(body: string, link: LinkPayload, token: string): CheckInAnswer {
  const form = new URLSearchParams(body);
  if (link.kind === 'pain') {
    const pain = form.get('pain');
    if (pain !== 'yes' && pain !== 'no')
      throw new HttpError(400, 'invalid_answer', 'pain must be "yes" or "no"', [
        { field: 'pain', message: 'must be "yes" or "no"' },
      ]);
    return { kind: 'pain', pain: pain === 'yes' };
  }
  if (link.kind === 'plank') {
    const result = form.get('result');
    if (result !== 'completed' && result !== 'not-completed')
      throw new HttpError(400, 'invalid_answer', 'result must be "completed" or "not-completed"', [
        { field: 'result', message: 'must be "completed" or "not-completed"' },
      ]);
    return { kind: 'plank', completed: result === 'completed' };
  }
  if (form.get('done') !== 'yes')
    throw new HttpError(400, 'invalid_answer', 'done must be "yes"', [{ field: 'done', message: 'must be "yes"' }]);
  return { kind: 'core' };
}
