/** What Strava's token endpoint answers, in our terms: the tokens we keep, and a refused refresh token. */
import type { TrackerTokens } from '../../domain/types.js';
import { faultSchema, type StravaTokenResponse } from './schemas.js';

export function toTokens(body: StravaTokenResponse, scopes: string[]): TrackerTokens {
  return {
    accessToken: body.access_token,
    refreshToken: body.refresh_token,
    expiresAt: body.expires_at,
    scopes,
  };
}

export /** Strava's answer to a spent or unknown refresh token (strava.md §2). */
async function isInvalidRefreshToken(res: Response): Promise<boolean> {
  try {
    const fault = faultSchema.safeParse(await res.json());
    return fault.success && (fault.data.errors ?? []).some((e) => e.resource === 'RefreshToken' && e.code === 'invalid');
  } catch {
    return false;
  }
}
