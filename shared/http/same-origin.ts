import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { header } from './request.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether a state-changing request may have been sent by another site's page on the runner's
 * behalf (CSRF). SameSite=Lax alone does not stop a sibling subdomain (same site, other origin), so
 * a browser's own word on where the request comes from decides:
 * - `Sec-Fetch-Site` (every current browser sends it): only `same-origin` or `none` (typed, bookmarked);
 * - else `Origin`: it must name the host the request was sent to;
 * - neither: not a browser (curl, Strava, a mail provider's one-click unsubscribe), so no ambient
 *   cookie was borrowed, and the request stands on its own credentials.
 * Strava's webhook (`/webhooks/*`) carries no cookie and is never refused here.
 */
export function isCrossSiteWrite(event: APIGatewayProxyEventV2): boolean {
  const method = event.requestContext.http.method.toUpperCase();
  if (SAFE_METHODS.has(method) || event.rawPath.startsWith('/webhooks/')) return false;
  const fetchSite = header(event, 'sec-fetch-site')?.toLowerCase();
  if (fetchSite !== undefined) return fetchSite !== 'same-origin' && fetchSite !== 'none';
  const origin = header(event, 'origin');
  if (origin === undefined) return false;
  const host = header(event, 'host') ?? event.requestContext.domainName;
  try {
    return new URL(origin).host !== host;
  } catch {
    return true; // `Origin: null` (sandboxed frames, some redirects) or garbage: not this site
  }
}
