import { readFileSync } from 'node:fs';

/** Reads a JSON fixture from test/fixtures/strava (a fresh copy each call, so tests may mutate it). */
export function stravaFixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../../fixtures/strava/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;
}
