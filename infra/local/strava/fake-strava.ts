/**
 * A Strava look-alike for tests and for the local runtime's "Strava sandbox". It follows the shapes
 * and rules in shared/docs/strava.md: OAuth with single-use codes, 6-hour access tokens, refresh-token
 * rotation (the old one dies immediately), the same access token back while it has > 1 h left,
 * Strava's error bodies, and rate-limit headers with quarter-hour windows.
 *
 * Paths are relative to wherever it is mounted: `/oauth/...` and `/api/v3/...`. No test-framework
 * imports: it ships with the local runtime. Time comes from the injectable `now()`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { apiEndpoint } from './api.js';
import { sendJson } from './http.js';
import { oauthEndpoints } from './oauth.js';
import type { FakeActivity, FakeAthlete, FakeStravaOptions } from './shapes.js';
import { createStravaState } from './state.js';

export { ACCESS_TOKEN_TTL_S, STRAVA_ERRORS } from './shapes.js';
export type {
  AccessGrant,
  FakeActivity,
  FakeAthlete,
  FakeAthleteInput,
  FakeLap,
  FakeStravaOptions,
  FakeStravaState,
} from './shapes.js';

export type FakeStrava = ReturnType<typeof createFakeStrava>;

export function createFakeStrava(options: FakeStravaOptions) {
  const state = createStravaState(options);
  const { authorizePage, tokenEndpoint, deauthorizeEndpoint } = oauthEndpoints(state);
  const apiRequest = apiEndpoint(state);
  const { requests, stats, activities, athletes, authorized } = state;
  const { exportState, importState, addAthlete, addActivity, updateActivity, deleteActivity, issueCode, issueTokens } = state;
  const { expireAccessToken, notFoundNext, rateLimitNext, outageUntil, revoke } = state;
  /** One-shot hooks run before a matching request is answered (a test acts while a call is in flight). */
  const hooks: { method: string; path: RegExp; run: () => Promise<void> }[] = [];

  /**
   * Handles the request when `pathname` (relative to the mount) is one of Strava's endpoints.
   * Returns false otherwise, so the host can answer 404 or try other routes.
   */
  async function handle(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> {
    const method = (req.method ?? 'GET').toUpperCase();
    const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
    const url = new URL(req.url ?? '/', 'http://fake-strava.invalid');
    const isApi =
      method === 'GET' &&
      (path === '/api/v3/athlete' || path === '/api/v3/athlete/activities' || /^\/api\/v3\/activities\/[^/]+$/.test(path));
    const route =
      method === 'GET' && (path === '/oauth/authorize' || path === '/oauth/mobile/authorize')
        ? 'authorize'
        : method === 'POST' && (path === '/oauth/token' || path === '/api/v3/oauth/token')
          ? 'token'
          : method === 'POST' && path === '/oauth/deauthorize'
            ? 'deauthorize'
            : isApi
              ? 'api'
              : null;
    if (!route) return false;
    requests.push({ method, path });
    const hook = hooks.findIndex((h) => h.method === method && h.path.test(path));
    if (hook >= 0) {
      // Answered as of now (token checked, body built), sent once the hook has run: a call in flight.
      const { run } = hooks.splice(hook, 1)[0]!;
      const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
      res.end = ((...args: unknown[]) => {
        void run().then(() => end(...args));
        return res;
      }) as typeof res.end;
    }
    try {
      if (route === 'authorize') authorizePage(res, url);
      else if (route === 'token') await tokenEndpoint(req, res, url);
      else if (route === 'deauthorize') await deauthorizeEndpoint(req, res, url);
      else apiRequest(req, res, url, path);
    } catch (err) {
      if (!res.headersSent) sendJson(res, 500, { message: 'Internal Error', errors: [{ code: String((err as Error).message) }] });
      else res.destroy();
    }
    return true;
  }

  return {
    handle,
    exportState,
    importState,
    addAthlete,
    addActivity,
    updateActivity,
    deleteActivity,
    issueCode,
    issueTokens,
    expireAccessToken,
    notFoundNext,
    rateLimitNext,
    /** Strava's API answers 503 until this instant of the runtime's clock (null: back now). */
    outageUntil,
    /**
     * Holds the answer to the next request for `method` and `path` (already decided: token checked,
     * body built) until `run` has finished: whatever the test does there happens while the app's call
     * is in flight.
     */
    beforeNext(method: string, path: RegExp, run: () => Promise<void>): void {
      hooks.push({ method, path, run });
    },
    /** Revokes the athlete's grant as if they removed the app in Strava's settings. */
    revokeAthlete: revoke,
    getActivity: (id: number): FakeActivity | undefined => activities.get(id),
    getAthlete: (id: number): FakeAthlete | undefined => athletes.get(id),
    isAuthorized: (athleteId: number): boolean => authorized.has(athleteId),
    /** Refresh-token grant requests received, successful or not. */
    get refreshCount(): number {
      return stats.refreshCount;
    },
    /** Every handled request, oldest first (paths only: no query strings, so no tokens). */
    requests,
  };
}
