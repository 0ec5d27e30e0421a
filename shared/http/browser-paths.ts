/**
 * Which paths a browser opens (pages, one-tap links, the OAuth hops) and which a program calls.
 * Programs' paths (`/api/*`, `/webhooks/*`, `/dev/*`) answer errors in JSON; every other path is a
 * browser route and answers errors with a page a runner can read (docs/http-api.md).
 */
const PROGRAM_PREFIXES = /^\/(?:api|webhooks|dev)(?:\/|$)/;

export function isBrowserPath(path: string): boolean {
  return !PROGRAM_PREFIXES.test(path);
}
