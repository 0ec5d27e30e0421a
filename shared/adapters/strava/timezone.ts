import { IANAZone } from 'luxon';

/**
 * Names only: letters first, then letters, digits and `_ + - /`. Node 24's Intl also accepts raw
 * offsets such as "+01:00", which are not IANA names and would slip through isValidZone.
 */
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/;

/**
 * Strava's `timezone` looks like "(GMT-08:00) America/Los_Angeles". Like stravalib, take what follows
 * the first space; a bare name without the "(GMT…)" prefix is accepted too. Returns the name as
 * Strava wrote it, or null. (Not Intl's resolvedOptions(): ICU maps current names to legacy aliases,
 * e.g. "America/Argentina/Buenos_Aires" → "America/Buenos_Aires".)
 */
export function parseStravaTimezone(value: string | null | undefined): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  const space = trimmed.indexOf(' ');
  const candidate = trimmed.startsWith('(') ? (space === -1 ? '' : trimmed.slice(space + 1).trim()) : trimmed;
  return ZONE_NAME.test(candidate) && IANAZone.isValidZone(candidate) ? candidate : null;
}
