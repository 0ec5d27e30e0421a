import { isValidTimeZone } from './time.js';
import type { RunnerSettings } from './types.js';

// Apart from settings.ts, which validates phone numbers: activity sync needs this rule, not a
// phone-number library in its bundle.

/**
 * A zone a tracker named, as opposed to the fallbacks the Strava normalizer uses when an activity
 * carries no zone name ("UTC", and "Etc/GMT±h" for a bare offset, which has no daylight saving).
 */
export function isNamedTimeZone(zone: string): boolean {
  return zone !== 'UTC' && !zone.startsWith('Etc/') && isValidTimeZone(zone);
}

/**
 * The tracker's zone for an activity, when the runner should adopt it: they have not chosen a zone,
 * it differs from theirs, and it is a named zone (see isNamedTimeZone).
 */
export function trackerZoneToAdopt(settings: RunnerSettings, activityZone: string): string | null {
  if (settings.timeZoneSetByRunner) return null;
  if (activityZone === settings.timeZone || !isNamedTimeZone(activityZone)) return null;
  return activityZone;
}
