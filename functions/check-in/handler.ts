import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ports } from './ports.js';
import { logger } from '../../shared/app/logger.js';
import { httpHandler } from '../../shared/app/middleware.js';
import { readLinkToken, type LinkPayload } from '../../shared/signing/links.js';
import { header, rawBody } from '../../shared/http/request.js';
import { HttpError } from '../../shared/http/errors.js';
import { error, html } from '../../shared/http/response.js';
import { answerCheckIn, type CheckInAnswer } from '../../shared/usecases/answer-check-in.js';
import { answeredPage, backPainQuestionPage, linkNotValidPage, plankQuestionPage } from './pages.js';

const wantsHtml = (event: APIGatewayProxyEventV2) => (header(event, 'accept') ?? 'text/html').includes('text/html');

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
    const status = check.reason === 'expired' ? 410 : 400;
    const message =
      check.reason === 'expired' ? 'This link has expired; log it from your settings page instead.' : 'This link is not valid.';
    if (!wantsHtml(event)) return error(status, `link_${check.reason.replace('-', '_')}`, message);
    return html(status, linkNotValidPage(message));
  }
  const link = check.payload;
  const runner = await ctx.runners.getRunner(link.runnerId);
  if (!runner) throw new HttpError(404, 'runner_not_found', 'This account no longer exists.');

  let answer: CheckInAnswer;
  if (event.requestContext.http.method === 'POST') answer = parseAnswer(rawBody(event), link, token);
  else if (link.kind === 'core') answer = { kind: 'core' };
  else return html(200, link.kind === 'pain' ? backPainQuestionPage(token, link.date) : plankQuestionPage(token));

  const outcome = await answerCheckIn(runner, link, answer, ctx);
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
  throw new HttpError(405, 'method_not_allowed', `POST is not used for ${token.slice(0, 4)}… core links`);
}
