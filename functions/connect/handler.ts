import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ports, type Ports } from './ports.js';
import { logger } from '../../shared/app/logger.js';
import { httpHandler } from '../../shared/app/middleware.js';
import { cookie, query } from '../../shared/http/request.js';
import { HttpError } from '../../shared/http/errors.js';
import { escapeHtml, html, redirect } from '../../shared/http/response.js';
import { cookieName, hostCookie, sessionCookie } from '../../shared/http/session.js';
import { authorizeUrl, completeConnect, STATE_TTL, type ConnectConfig } from '../../shared/usecases/connect-strava.js';

/** Ties the OAuth `state` to the browser that started the sign-in (login-CSRF protection). */
const NONCE_COOKIE = 'rn_oauth';
import { page } from '../../shared/web/layout.js';

function connectConfig(ctx: Ports): ConnectConfig {
  if (!ctx.config.STRAVA_CLIENT_ID) throw new HttpError(503, 'not_configured', 'STRAVA_CLIENT_ID is not configured');
  return {
    appSecret: ctx.secrets.appSecret,
    clientId: ctx.config.STRAVA_CLIENT_ID,
    oauthUrl: ctx.config.STRAVA_OAUTH_URL,
    publicUrl: ctx.config.PUBLIC_URL,
  };
}

/** `GET /connect/strava` → Strava's consent page; `GET /connect/strava/callback` → runner + session. */
export const handler = httpHandler(async (event: APIGatewayProxyEventV2) => {
  const ctx = await ports();
  const config = connectConfig(ctx);
  const secure = ctx.config.PUBLIC_URL.startsWith('https://');
  if (event.rawPath === '/connect/strava') {
    const { url, nonce } = authorizeUrl(config, ctx.clock.now());
    return redirect(url, [hostCookie(NONCE_COOKIE, nonce, STATE_TTL, secure)]);
  }
  const clearNonce = hostCookie(NONCE_COOKIE, '', 0, secure);

  const outcome = await completeConnect(
    {
      state: query(event, 'state'),
      nonce: cookie(event, cookieName(NONCE_COOKIE, secure)),
      code: query(event, 'code'),
      scope: query(event, 'scope'),
      error: query(event, 'error'),
    },
    config,
    {
      tracker: ctx.tracker,
      runners: ctx.runners,
      tokens: ctx.tokens,
      publisher: ctx.publisher,
      oneTime: ctx.oneTime,
      clock: ctx.clock,
    },
  );
  if (!outcome.ok) {
    logger.info('connect refused', { reason: outcome.reason });
    const status = outcome.reason === 'exchange-failed' ? 502 : outcome.reason === 'bad-state' ? 400 : 403;
    return html(
      status,
      page(
        'Strava not connected',
        `<h1>Strava is not connected</h1>
<p>${escapeHtml(outcome.message)}</p>
<p><a class="button" href="/connect/strava">Try again</a></p>`,
      ),
      { cookies: [clearNonce] },
    );
  }
  logger.info('runner connected', { runnerId: outcome.runner.runnerId });
  return redirect('/settings', [
    clearNonce,
    sessionCookie(ctx.secrets.appSecret, outcome.runner.runnerId, ctx.clock.now(), secure),
  ]);
});
