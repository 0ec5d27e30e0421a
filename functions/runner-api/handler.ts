import { exportRunnerData } from '../../shared/usecases/export-runner-data.js';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as z from 'zod';
import { ports, type Ports } from './ports.js';
import { logger } from '../../shared/app/logger.js';
import { httpHandler } from '../../shared/app/middleware.js';
import { validateSettingsPatch } from '../../shared/domain/settings.js';
import type { Runner } from '../../shared/domain/types.js';
import { jsonBody } from '../../shared/http/request.js';
import { HttpError } from '../../shared/http/errors.js';
import { html, json, redirect } from '../../shared/http/response.js';
import { clearSessionCookie, sessionRunnerId } from '../../shared/http/session.js';
import { logCoreSession } from '../../shared/usecases/check-ins.js';
import { currentWeek, profileJson } from '../../shared/usecases/runner-profile.js';
import { disconnectRunner } from '../../shared/usecases/disconnect-runner.js';
import { saveSettings } from '../../shared/usecases/save-settings.js';
import { deletedPage } from './account-pages.js';
import { landingPage, settingsPage } from './pages.js';

const coreSessionBody = z
  .object({
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
      .refine((d) => {
        const t = Date.parse(`${d}T00:00:00Z`);
        return !Number.isNaN(t) && new Date(t).toISOString().startsWith(d);
      }, 'is not a calendar date')
      .optional(),
    /** A real second (third…) session that day; without it a day's session counts once. */
    another: z.boolean().optional(),
  })
  .strict();

async function signedInRunner(event: APIGatewayProxyEventV2, ctx: Ports): Promise<Runner | null> {
  const runnerId = sessionRunnerId(event, ctx.secrets.appSecret, ctx.clock.now(), ctx.config.PUBLIC_URL.startsWith('https://'));
  return runnerId ? ctx.runners.getRunner(runnerId) : null;
}

function requireRunner(runner: Runner | null): Runner {
  if (!runner) throw new HttpError(401, 'not_signed_in', 'Connect Strava first: GET /connect/strava');
  return runner;
}

/** The runner's own routes: the settings page, their profile, settings changes and disconnecting. */
export const handler = httpHandler(async (event: APIGatewayProxyEventV2) => {
  const ctx = await ports();
  const method = event.requestContext.http.method;
  const secure = ctx.config.PUBLIC_URL.startsWith('https://');
  // Signing out forgets the session in this browser only; the runner's data stays (DELETE /api/me removes it).
  if (event.rawPath === '/') return redirect('/settings');
  if (event.rawPath === '/signout') return redirect('/', [clearSessionCookie(secure)]);
  // Where the page goes after DELETE /api/me; the session is already gone, so it needs none.
  if (event.rawPath === '/deleted') return html(200, deletedPage());
  const runner = await signedInRunner(event, ctx);
  const deps = { workouts: ctx.history, checkIns: ctx.checkIns, clock: ctx.clock };

  if (event.rawPath === '/settings') {
    if (!runner) return html(200, landingPage());
    return html(200, settingsPage(runner, await currentWeek(runner, deps)));
  }

  const me = requireRunner(runner);
  if (method === 'GET' && event.rawPath === '/api/me/export') {
    logger.info('runner export', { runnerId: me.runnerId });
    return json(200, await exportRunnerData(me.runnerId, { items: ctx.runnerItems, clock: ctx.clock }));
  }
  if (method === 'GET') return json(200, profileJson(me, await currentWeek(me, deps)));

  if (event.rawPath === '/api/me/core-sessions') {
    const body = coreSessionBody.safeParse(event.body ? jsonBody(event) : {});
    if (!body.success) {
      const fields = body.error.issues.map((i) => ({ field: i.path.join('.') || '(root)', message: i.message }));
      throw new HttpError(400, 'invalid_core_session', `Please fix: ${fields.map((f) => f.field).join(', ')}`, fields);
    }
    const logged = await logCoreSession(me, body.data.date, body.data.another === true, deps);
    if (!logged.ok)
      throw new HttpError(400, 'invalid_core_session', `date ${logged.message}`, [
        { field: logged.field, message: logged.message },
      ]);
    const week = await currentWeek(me, deps);
    return json(logged.counted ? 201 : 200, {
      date: logged.date,
      counted: logged.counted,
      week: { coreSessions: week.coreSessions, coreTarget: week.coreTarget },
    });
  }

  if (method === 'PUT') {
    const result = validateSettingsPatch(jsonBody(event));
    if (!result.ok) {
      const names = result.errors.map((e) => e.field).join(', ');
      throw new HttpError(400, 'invalid_settings', `Please fix: ${names}`, result.errors);
    }
    const saved = await saveSettings(me, result.patch, ctx);
    if (!saved.ok) {
      logger.error('email subscription failed', { runnerId: me.runnerId, error: saved.errorName });
      throw new HttpError(
        502,
        'email_subscription_failed',
        'We could not set up email delivery just now; your settings were not changed. Please try again.',
      );
    }
    const { runner: updated, emailStatus } = saved;
    logger.info('settings updated', { runnerId: me.runnerId, fields: Object.keys(result.patch) });
    return json(200, { ...profileJson(updated, await currentWeek(updated, deps)), ...(emailStatus ? { emailStatus } : {}) });
  }

  // DELETE /api/me: revoke at Strava (best effort), then delete everything we keep about the runner.
  await disconnectRunner(me.runnerId, {
    runners: ctx.runners,
    emailSubscriptions: ctx.emailSubscriptions,
    tracker: ctx.tracker,
    warn: (message, details) => logger.warn(message, details),
  });
  logger.info('runner deleted', { runnerId: me.runnerId });
  return json(200, { deleted: true }, { cookies: [clearSessionCookie(secure)] });
});
