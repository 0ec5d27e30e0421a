/** The fake Strava's REST API: the athlete, their activity list and one activity, behind rate limits. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from './http.js';
import { athleteFor, summaryActivity } from './representations.js';
import { type AccessGrant, badRequest, STRAVA_ERRORS } from './shapes.js';
import type { StravaState } from './state.js';

export function apiEndpoint(state: StravaState) {
  const { now, nowS, limits, usage, counters, accessTokens, activities, notFoundRemaining } = state;
  const { requireAthlete, canSee } = state;

  /** Counts one API request; every /api/v3 request here is "non-upload", so it counts for both limits. */
  function countRequest(): { headers: Record<string, string>; limited: boolean } {
    const ms = now().getTime();
    const window15 = Math.floor(ms / 900_000);
    const day = Math.floor(ms / 86_400_000);
    if (day !== usage.day) Object.assign(usage, { day, overallDaily: 0, readDaily: 0 });
    if (window15 !== usage.window15) Object.assign(usage, { window15, overall15: 0, read15: 0 });
    usage.overall15++;
    usage.overallDaily++;
    usage.read15++;
    usage.readDaily++;
    const over =
      usage.overall15 > limits.overall15 ||
      usage.overallDaily > limits.overallDaily ||
      usage.read15 > limits.read15 ||
      usage.readDaily > limits.readDaily;
    const forced = counters.forcedRateLimits > 0;
    if (forced) counters.forcedRateLimits--;
    return {
      limited: over || forced,
      headers: {
        'x-ratelimit-limit': `${limits.overall15},${limits.overallDaily}`,
        'x-ratelimit-usage': `${usage.overall15},${usage.overallDaily}`,
        'x-readratelimit-limit': `${limits.read15},${limits.readDaily}`,
        'x-readratelimit-usage': `${usage.read15},${usage.readDaily}`,
      },
    };
  }

  function bearer(req: IncomingMessage): AccessGrant | null {
    const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    const info = match ? accessTokens.get(match[1]!) : undefined;
    return info && info.expiresAt > nowS() ? info : null;
  }

  function apiRequest(req: IncomingMessage, res: ServerResponse, url: URL, path: string): void {
    if (counters.outageUntil !== null && now().getTime() < counters.outageUntil) {
      return sendJson(res, 503, { message: 'Service Unavailable', errors: [] });
    }
    const { headers, limited } = countRequest();
    if (limited) return sendJson(res, 429, STRAVA_ERRORS.rateLimited, headers);
    const auth = bearer(req);
    if (!auth) return sendJson(res, 401, STRAVA_ERRORS.invalidAccessToken, headers);
    const athlete = requireAthlete(auth.athleteId);

    if (path === '/api/v3/athlete') return sendJson(res, 200, athleteFor(athlete, auth.scopes), headers);

    const hasActivityScope = auth.scopes.includes('activity:read') || auth.scopes.includes('activity:read_all');
    if (!hasActivityScope) return sendJson(res, 401, STRAVA_ERRORS.missingActivityScope, headers);

    if (path === '/api/v3/athlete/activities') {
      const q = url.searchParams;
      const int = (name: string, fallback: number | null) => {
        const raw = q.get(name);
        if (raw === null || raw === '') return fallback;
        return /^\d+$/.test(raw) ? Number(raw) : NaN;
      };
      const before = int('before', null);
      const after = int('after', null);
      const page = int('page', 1);
      const perPage = int('per_page', 30);
      for (const [name, v] of Object.entries({ before, after, page, per_page: perPage })) {
        if (Number.isNaN(v)) return sendJson(res, 400, badRequest('Application', name), headers);
      }
      const size = Math.min(Math.max(perPage ?? 30, 1), 200);
      const pageNo = Math.max(page ?? 1, 1);
      const list = [...activities.values()]
        .filter((a) => a.athlete.id === athlete.id && canSee(auth.scopes, a))
        .filter((a) => before === null || Date.parse(a.start_date) / 1000 < before)
        .filter((a) => after === null || Date.parse(a.start_date) / 1000 > after)
        // Newest first; with only `after`, Strava pages forward in time (oldest first).
        .sort((x, y) => (after !== null && before === null ? 1 : -1) * (Date.parse(x.start_date) - Date.parse(y.start_date)));
      return sendJson(res, 200, list.slice((pageNo - 1) * size, pageNo * size).map(summaryActivity), headers);
    }

    const idText = /^\/api\/v3\/activities\/(\d{1,16})$/.exec(path)?.[1];
    const id = idText === undefined ? NaN : Number(idText);
    const pending = notFoundRemaining.get(id) ?? 0;
    if (pending > 0) {
      notFoundRemaining.set(id, pending - 1);
      return sendJson(res, 404, STRAVA_ERRORS.activityNotFound, headers);
    }
    const activity = activities.get(id);
    if (!activity || activity.athlete.id !== athlete.id || !canSee(auth.scopes, activity)) {
      return sendJson(res, 404, STRAVA_ERRORS.activityNotFound, headers);
    }
    sendJson(res, 200, activity, headers);
  }

  return apiRequest;
}
