import type { LocalRuntime } from '../../infra/local/runtime.js';

/**
 * Drives the local runtime as a browser and Strava would: real HTTP on loopback, a cookie jar of one
 * session, redirects followed by hand so each hop can be asserted.
 */
export class RuntimeClient {
  /** Cookies by name, as a browser keeps them (paths and expiry aside). */
  readonly jar = new Map<string, string>();

  /** The session cookie ("rn_session=..."), or undefined when signed out. */
  get cookie(): string | undefined {
    const v = this.jar.get('rn_session');
    return v ? `rn_session=${v}` : undefined;
  }

  set cookie(pair: string | undefined) {
    if (!pair) this.jar.delete('rn_session');
    else this.jar.set('rn_session', pair.slice(pair.indexOf('=') + 1));
  }

  constructor(readonly runtime: LocalRuntime) {}

  url(path: string): string {
    return path.startsWith('http') ? path : `${this.runtime.url}${path}`;
  }

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const res = await fetch(this.url(path), {
      method,
      redirect: 'manual',
      headers: {
        ...(body !== undefined && typeof body !== 'string' ? { 'content-type': 'application/json' } : {}),
        ...(this.jar.size > 0 ? { cookie: [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const set = res.headers.getSetCookie();
    for (const c of set) {
      const pair = c.split(';')[0]!;
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(pair.indexOf('=') + 1);
      if (value === '' || /max-age=0/i.test(c)) this.jar.delete(name);
      else this.jar.set(name, value);
    }
    return res;
  }

  async json<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const res = await this.request(method, path, body);
    return { status: res.status, body: (await res.json()) as T };
  }

  /** The OAuth dance through the Strava sandbox's consent page; returns the callback response. */
  async connectStrava(button: 'authorize' | 'cancel' | 'authorize-narrow' = 'authorize'): Promise<Response> {
    return this.request('GET', await this.consent(button));
  }

  /** Starts the sign-in and "clicks" a button on the consent page: the callback path, not yet followed. */
  async consent(button: 'authorize' | 'cancel' | 'authorize-narrow' = 'authorize'): Promise<string> {
    const start = await this.request('GET', '/connect/strava');
    if (start.status !== 302) throw new Error(`connect start answered ${start.status}`);
    const consentUrl = new URL(start.headers.get('location')!);
    // The browser would be sent to PUBLIC_URL; the test talks to the same server on loopback.
    const consent = await this.request('GET', `${consentUrl.pathname}${consentUrl.search}`);
    const html = await consent.text();
    const href = new RegExp(`id="${button}" href="([^"]+)"`).exec(html)?.[1];
    if (!href) throw new Error(`no ${button} link on the consent page: ${html.slice(0, 300)}`);
    const callback = new URL(href.replaceAll('&amp;', '&').replaceAll('&#38;', '&'));
    return `${callback.pathname}${callback.search}`;
  }

  /**
   * Saves settings that include a phone and does whatever the service asks before it will text that
   * number. Every test that expects texts goes through here, so the steps to earn texts change in one place.
   */
  async enableTexts(settings: Record<string, unknown>): Promise<{ status: number; body: unknown }> {
    return this.json('PUT', '/api/me/settings', settings);
  }

  async setClock(now: string | null): Promise<void> {
    const res = await this.request('POST', '/dev/clock', { now });
    if (res.status !== 200) throw new Error(`clock: ${res.status} ${await res.text()}`);
  }

  async runJob(name: string): Promise<unknown> {
    const res = await this.json<{ result: unknown }>('POST', `/dev/jobs/${name}`);
    if (res.status !== 200) throw new Error(`job ${name}: ${res.status}`);
    return res.body.result;
  }

  async outbox(): Promise<OutboxEntry[]> {
    await this.request('POST', '/dev/drain');
    return (await this.json<OutboxEntry[]>('GET', '/dev/outbox')).body;
  }
}

export interface OutboxEntry {
  id: string;
  runnerId: string;
  channel: 'sms' | 'email';
  to: string;
  kind: string;
  subject?: string;
  text: string;
  at: string;
}
