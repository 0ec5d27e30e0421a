import type { RunnerSettings } from './types.js';

/** Named defaults from docs/training-rules.md; a runner or operator may tune them. */
export const DEFAULT_QUIET_HOURS = { start: '21:00', end: '07:00' } as const;
export const DEFAULT_TIME_ZONE = 'UTC';

export const STRETCH = {
  hamstringHolds: 5,
  hamstringHoldSeconds: 60,
  piriformisHolds: 5,
  piriformisHoldSeconds: 30,
} as const;

/** Strava sport types that count as a run. */
export const RUN_SPORTS: readonly string[] = ['Run', 'TrailRun', 'VirtualRun'];

export function defaultSettings(timeZone: string = DEFAULT_TIME_ZONE): RunnerSettings {
  return {
    phone: null,
    email: null,
    timeZone,
    quietHours: { ...DEFAULT_QUIET_HOURS },
    channels: { sms: true, email: true },
  };
}
