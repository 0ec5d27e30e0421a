import { randomUUID } from 'node:crypto';
import { sign, verify } from '../signing/tokens.js';
import type { Runner } from '../domain/types.js';
import type { Clock, EventPublisher, OneTimeUse, RunnerStore, TokenStore, TrackerClient } from '../ports/index.js';
import { TokenStoreContendedError } from './errors.js';

/** What we ask Strava for (contract): profile basics and every activity, including "Only You" ones. */
export const REQUESTED_SCOPE = 'read,activity:read_all';
/** What we cannot work without: some activity read scope, or no webhook events reach us. */
const ACTIVITY_SCOPES = ['activity:read', 'activity:read_all'];
const STATE_PURPOSE = 'oauth-state';
const STATE_TTL_SECONDS = 15 * 60;

export interface ConnectConfig {
  appSecret: string;
  clientId: string;
  oauthUrl: string;
  publicUrl: string;
}

export function redirectUri(publicUrl: string): string {
  return `${publicUrl.replace(/\/$/, '')}/connect/strava/callback`;
}

/**
 * The Strava authorize URL with a signed, expiring `state`, and the browser nonce the state carries.
 * The caller puts the nonce in a short-lived cookie; the callback accepts the state only from the
 * browser holding it, so nobody can sign a runner into someone else's account with a callback URL.
 */
export function authorizeUrl(config: ConnectConfig, now: Date): { url: string; nonce: string } {
  const nonce = randomUUID();
  const state = sign(config.appSecret, STATE_PURPOSE, nonce, Math.floor(now.getTime() / 1000) + STATE_TTL_SECONDS);
  const params = new URLSearchParams({
    client_id: config.clientId,
    response_type: 'code',
    redirect_uri: redirectUri(config.publicUrl),
    approval_prompt: 'auto',
    scope: REQUESTED_SCOPE,
    state,
  });
  return { url: `${config.oauthUrl.replace(/\/$/, '')}/authorize?${params.toString()}`, nonce };
}

export const STATE_TTL = STATE_TTL_SECONDS;

export interface CallbackInput {
  state?: string | undefined;
  /** The nonce from the browser's cookie, set when this browser started the sign-in. */
  nonce?: string | undefined;
  code?: string | undefined;
  scope?: string | undefined;
  error?: string | undefined;
}

export interface CallbackDeps {
  tracker: Pick<TrackerClient, 'exchangeCode'>;
  runners: Pick<RunnerStore, 'upsertRunnerForAthlete'>;
  tokens: Pick<TokenStore, 'getTokens' | 'putTokens'>;
  /** Announces `runner.connected` (starts the history import). */
  publisher: EventPublisher;
  /** Marks each state used, so a replayed callback URL (a leaked link, a back button) signs nobody in. */
  oneTime: OneTimeUse;
  clock: Clock;
}

export type CallbackOutcome =
  | { ok: true; runner: Runner }
  | { ok: false; reason: 'denied' | 'bad-state' | 'missing-code' | 'scope' | 'exchange-failed'; message: string };

export async function completeConnect(input: CallbackInput, config: ConnectConfig, deps: CallbackDeps): Promise<CallbackOutcome> {
  const now = deps.clock.now();
  const state = input.state ? verify(config.appSecret, STATE_PURPOSE, input.state, Math.floor(now.getTime() / 1000)) : null;
  if (!state || !input.nonce || state.payload !== input.nonce) {
    return {
      ok: false,
      reason: 'bad-state',
      message: 'This sign-in has expired or was started in another browser. Please connect again from here.',
    };
  }
  if (!(await deps.oneTime.use(`oauth-state#${state.payload}`, now, STATE_TTL_SECONDS))) {
    return {
      ok: false,
      reason: 'bad-state',
      message: 'This sign-in link was already used. Please connect again from here.',
    };
  }
  if (input.error) {
    return { ok: false, reason: 'denied', message: 'You chose not to connect Strava, so we cannot see your runs.' };
  }
  if (!input.code) return { ok: false, reason: 'missing-code', message: 'Strava did not send an authorization code.' };
  // Athletes can untick scopes on Strava's page; `scope` lists what they actually granted.
  const granted = (input.scope ?? '').split(',').map((s) => s.trim());
  if (!granted.some((s) => ACTIVITY_SCOPES.includes(s))) {
    return {
      ok: false,
      reason: 'scope',
      message: 'runnudge needs permission to view your activities. Please connect again and leave that box ticked.',
    };
  }

  let exchanged;
  try {
    exchanged = await deps.tracker.exchangeCode(input.code);
  } catch {
    return { ok: false, reason: 'exchange-failed', message: 'Strava did not accept the sign-in. Please try again.' };
  }
  const runner = await deps.runners.upsertRunnerForAthlete(exchanged.athlete);
  // A reconnect replaces the old tokens; retry once if a refresh wrote in between.
  for (let i = 0; i < 2; i++) {
    const current = await deps.tokens.getTokens(runner.runnerId);
    const version = await deps.tokens.putTokens(
      runner.runnerId,
      { ...exchanged.tokens, scopes: granted },
      current?.version ?? null,
    );
    if (version !== null) {
      // Every (re)connect: the import starts, resumes a stalled run, or sees it is done. A failed
      // hand-off fails the callback, so "try again" reconnects and publishes again.
      await deps.publisher.publish([
        { detailType: 'runner.connected', detail: { runnerId: runner.runnerId, athleteId: runner.athleteId } },
      ]);
      return { ok: true, runner };
    }
  }
  throw new TokenStoreContendedError('Could not store the athlete tokens after two attempts');
}
