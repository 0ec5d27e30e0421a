/** Human-readable distances and durations in the runner's preferred units (Strava's measurement_preference). */
import type { MeasurementPreference } from './types.js';

const METERS_PER_KM = 1000;
const METERS_PER_MILE = 1609.344;

/** Round half up at one decimal, on the decimal string, so 0.05 shows as 0.1 (binary 0.05 is a bit less). */
function oneDecimal(value: number): string {
  return (Math.round(Number(value.toFixed(6)) * 10) / 10).toFixed(1);
}

/**
 * "10.2 km" for 'meters', "6.3 mi" for 'feet' (Strava's name for imperial). One decimal; negative or
 * non-finite input (a broken tracker record) shows as zero rather than "NaN km".
 */
export function formatDistance(meters: number, pref: MeasurementPreference): string {
  const m = Number.isFinite(meters) && meters > 0 ? meters : 0;
  return pref === 'feet' ? `${oneDecimal(m / METERS_PER_MILE)} mi` : `${oneDecimal(m / METERS_PER_KM)} km`;
}

/** "52 min" under an hour, "1 h 05 min" from an hour on; rounded to the nearest minute. */
export function formatDuration(seconds: number): string {
  const total = Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds / 60) : 0;
  if (total < 60) return `${total} min`;
  const h = Math.floor(total / 60);
  const min = total % 60;
  return `${h} h ${String(min).padStart(2, '0')} min`;
}

/** The units a runner reads distances in: their own choice, else what the tracker told us. */
export function unitsOf(runner: {
  measurementPreference: MeasurementPreference;
  settings: { units?: MeasurementPreference };
}): MeasurementPreference {
  return runner.settings.units ?? runner.measurementPreference;
}
