/** The fake Strava's OAuth: the consent page, the token endpoint (code and refresh grants), deauthorize. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { escapeHtml, readParams, sendHtml, sendJson } from './http.js';
import { summaryAthlete } from './representations.js';
import { badRequest, KNOWN_SCOPES, SAME_TOKEN_THRESHOLD_S, STRAVA_ERRORS, ACCESS_TOKEN_TTL_S, token } from './shapes.js';
import type { StravaState } from './state.js';

export function oauthEndpoints(state: StravaState) {
  const { options, nowS, clientId, athletes, codes, accessTokens, refreshTokens, stats } = state;
  const { addAthlete, issueCode, normaliseScopes, requireAthlete, grant, latestAccess, tokenBody, changed, revoke } = state;

  function authorizePage(res: ServerResponse, url: URL): void {
    const q = url.searchParams;
    if (q.get('client_id') !== clientId) return sendJson(res, 400, badRequest('Application', 'client_id'));
    if (q.get('response_type') !== 'code') return sendJson(res, 400, badRequest('Application', 'response_type'));
    let redirect: URL;
    try {
      redirect = new URL(q.get('redirect_uri') ?? '');
    } catch {
      return sendJson(res, 400, badRequest('Application', 'redirect_uri'));
    }
    const host = redirect.hostname;
    const domainOk =
      !options.callbackDomain ||
      host === 'localhost' ||
      host === '127.0.0.1' ||
      host === options.callbackDomain ||
      host.endsWith(`.${options.callbackDomain}`);
    if (!['http:', 'https:'].includes(redirect.protocol) || !domainOk) {
      return sendJson(res, 400, badRequest('Application', 'redirect_uri'));
    }
    const requested = normaliseScopes(q.get('scope') ?? 'read');
    if (requested.some((s) => !KNOWN_SCOPES.has(s))) return sendJson(res, 400, badRequest('Authorize', 'scope'));

    // Which sandbox athlete is signing in: `athlete_id` (a fake-only parameter), else the newest one.
    const wanted = Number(q.get('athlete_id'));
    const athlete = athletes.get(wanted) ?? [...athletes.values()].at(-1) ?? addAthlete({ id: 100_001, firstname: 'Sandy' });
    const state = q.get('state');

    const link = (params: Record<string, string>) => {
      const target = new URL(redirect);
      if (state !== null) target.searchParams.set('state', state);
      for (const [k, v] of Object.entries(params)) target.searchParams.set(k, v);
      return escapeHtml(target.toString());
    };
    const full = requested.join(',');
    const narrow = requested.filter((s) => !s.startsWith('activity:')).join(',') || 'read';
    const narrowLink =
      narrow !== full
        ? `<p><a id="authorize-narrow" href="${link({ code: issueCode(athlete.id, narrow), scope: narrow })}">Authorize without activity access</a></p>`
        : '';
    sendHtml(
      res,
      200,
      `<!doctype html>
  <html lang="en"><head><meta charset="utf-8"><title>Strava sandbox: authorize</title>
  <meta name="viewport" content="width=device-width, initial-scale=1"></head>
  <body style="font-family: system-ui, sans-serif; max-width: 32rem; margin: 3rem auto">
  <h1>Strava sandbox</h1>
  <p>This is a local stand-in for Strava, not the real site.</p>
  <p><strong>${escapeHtml(`${athlete.firstname} ${athlete.lastname}`)}</strong>, an app is asking for:
  <code>${escapeHtml(full)}</code></p>
  <p><a id="authorize" href="${link({ code: issueCode(athlete.id, full), scope: full })}">Authorize</a>
  &nbsp; <a id="cancel" href="${link({ error: 'access_denied' })}">Cancel</a></p>
  ${narrowLink}
  </body></html>`,
    );
  }

  async function tokenEndpoint(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    let params: Map<string, string>;
    try {
      params = await readParams(req, url);
    } catch {
      return sendJson(res, 400, { message: 'Bad Request', errors: [] });
    }
    if (params.get('client_id') !== clientId) return sendJson(res, 400, STRAVA_ERRORS.invalidClientId);
    if (params.get('client_secret') !== options.clientSecret) return sendJson(res, 401, STRAVA_ERRORS.invalidClientSecret);

    switch (params.get('grant_type')) {
      case 'authorization_code': {
        const code = params.get('code') ?? '';
        const entry = codes.get(code);
        codes.delete(code); // single use, even when expired
        if (!entry || entry.expiresAt <= nowS()) return sendJson(res, 400, STRAVA_ERRORS.invalidCode);
        const athlete = requireAthlete(entry.athleteId);
        return sendJson(res, 200, { ...grant(entry.athleteId, entry.scopes), athlete: summaryAthlete(athlete) });
      }
      case 'refresh_token': {
        stats.refreshCount++;
        const old = params.get('refresh_token') ?? '';
        const info = refreshTokens.get(old);
        if (!info) return sendJson(res, 400, STRAVA_ERRORS.invalidRefreshToken);
        // Rotation: the old refresh token is invalidated immediately.
        refreshTokens.delete(old);
        const refreshToken = token();
        refreshTokens.set(refreshToken, info);
        const current = latestAccess(info.athleteId);
        if (current && current[1].expiresAt - nowS() > SAME_TOKEN_THRESHOLD_S) {
          changed();
          return sendJson(res, 200, tokenBody(current[0], refreshToken, current[1].expiresAt));
        }
        // A new access token; older ones stay valid until they expire.
        const accessToken = token();
        const expiresAt = nowS() + ACCESS_TOKEN_TTL_S;
        accessTokens.set(accessToken, { athleteId: info.athleteId, expiresAt, scopes: info.scopes });
        changed();
        return sendJson(res, 200, tokenBody(accessToken, refreshToken, expiresAt));
      }
      default:
        return sendJson(res, 400, badRequest('Application', 'grant_type'));
    }
  }

  async function deauthorizeEndpoint(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    let params: Map<string, string>;
    try {
      params = await readParams(req, url);
    } catch {
      return sendJson(res, 400, { message: 'Bad Request', errors: [] });
    }
    const bearerToken = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const accessToken = params.get('access_token') ?? bearerToken ?? '';
    const info = accessTokens.get(accessToken);
    if (!info || info.expiresAt <= nowS()) return sendJson(res, 401, STRAVA_ERRORS.invalidAccessToken);
    revoke(info.athleteId);
    sendJson(res, 200, { access_token: accessToken });
  }

  return { authorizePage, tokenEndpoint, deauthorizeEndpoint };
}
