import { escapeHtml, html, type HttpResult } from '../http/response.js';
import { page } from './layout.js';

/**
 * The one place a browser route's errors are rendered: every error a runner can meet in a browser
 * (an unknown page, an old or altered link, an account that is gone, our own failure) gets a page in
 * plain words with a next step, never the JSON that programs get. The middleware, the check-in links
 * and the local runtime's own 404/405/413/503 all come here.
 */
export type ErrorPageKind =
  | 'not-found'
  | 'method-not-allowed'
  | 'link-expired'
  | 'link-not-valid'
  | 'runner-gone'
  | 'not-signed-in'
  | 'cross-site'
  | 'bad-request'
  | 'too-large'
  | 'starting'
  | 'server-error';

interface Onward {
  href: string;
  label: string;
}

const SETTINGS: Onward = { href: '/settings', label: 'Go to your settings' };
const CONNECT: Onward = { href: '/connect/strava', label: 'Connect with Strava' };

const PAGES: Record<ErrorPageKind, { status: number; title: string; text: string; onward: Onward[] }> = {
  'not-found': {
    status: 404,
    title: 'Page not found',
    text: 'There is no page at this address. It may have been mistyped, or the link may be out of date.',
    onward: [SETTINGS],
  },
  'method-not-allowed': {
    status: 405,
    title: 'This page cannot do that',
    text: 'The address is right, but it does not take that kind of request. Open it again from a link or from your settings.',
    onward: [SETTINGS],
  },
  'link-expired': {
    status: 410,
    title: 'This link has expired',
    text: 'Links in our texts and emails work for about a week. You can still log a core session from your settings page.',
    onward: [SETTINGS],
  },
  'link-not-valid': {
    status: 400,
    title: 'This link does not work',
    text: 'Part of it may have been lost when it was copied. Open it again from the text or email, or use your settings page instead.',
    onward: [SETTINGS],
  },
  'runner-gone': {
    status: 404,
    title: 'This account no longer exists',
    text: 'The link belongs to a runnudge account that was disconnected from Strava, and everything we kept for it was deleted. To use runnudge again, connect with Strava.',
    onward: [CONNECT],
  },
  'not-signed-in': {
    status: 401,
    title: 'Please sign in',
    text: 'This page needs you to be signed in. Connecting with Strava signs you in.',
    onward: [CONNECT],
  },
  'cross-site': {
    status: 403,
    title: 'Not carried out',
    text: 'This request came from another website, so it was not carried out. If you meant to do this, open runnudge directly and try again.',
    onward: [SETTINGS],
  },
  'bad-request': {
    status: 400,
    title: 'That did not work',
    text: 'What your browser sent could not be used. Please go back and try again.',
    onward: [SETTINGS],
  },
  'too-large': {
    status: 413,
    title: 'That was too much to send',
    text: 'What your browser sent was larger than runnudge accepts. Please go back and try again.',
    onward: [SETTINGS],
  },
  starting: {
    status: 503,
    title: 'runnudge is starting',
    text: 'The service is still starting up. Please try again in a moment.',
    onward: [SETTINGS],
  },
  'server-error': {
    status: 500,
    title: 'Something went wrong on our side',
    text: 'Nothing you did caused this, and nothing was lost. Please try again in a minute.',
    onward: [SETTINGS],
  },
};

/** The page's HTML: a heading, the explanation and the links onward. */
export function errorPageBody(kind: ErrorPageKind): string {
  const p = PAGES[kind];
  const links = p.onward.map((o) => `<a class="button" href="${escapeHtml(o.href)}">${escapeHtml(o.label)}</a>`).join(' ');
  return page(p.title, `<h1>${escapeHtml(p.title)}</h1>\n<p id="explanation">${escapeHtml(p.text)}</p>\n<p>${links}</p>`);
}

/** The error page as a response; `status` overrides the kind's own (a 502 is a server error too). */
export function errorPage(kind: ErrorPageKind, status = PAGES[kind].status, headers: Record<string, string> = {}): HttpResult {
  return html(status, errorPageBody(kind), { headers });
}

/**
 * The page for an HTTP error thrown at the edge: its code first (a code names what happened), else
 * its status.
 */
export function errorPageFor(statusCode: number, code: string): HttpResult {
  const byCode: Record<string, ErrorPageKind> = {
    runner_not_found: 'runner-gone',
    not_signed_in: 'not-signed-in',
    cross_site: 'cross-site',
    link_expired: 'link-expired',
    link_malformed: 'link-not-valid',
    link_bad_signature: 'link-not-valid',
    method_not_allowed: 'method-not-allowed',
    payload_too_large: 'too-large',
    not_found: 'not-found',
  };
  const kind =
    byCode[code] ??
    (statusCode >= 500
      ? 'server-error'
      : statusCode === 404
        ? 'not-found'
        : statusCode === 405
          ? 'method-not-allowed'
          : statusCode === 401
            ? 'not-signed-in'
            : statusCode === 413
              ? 'too-large'
              : 'bad-request');
  return errorPage(kind, statusCode);
}
