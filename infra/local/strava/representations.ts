/** What the fake Strava's API answers for an athlete or activity (summary or detailed, per scope). */
import type { FakeActivity, FakeAthlete } from './shapes.js';

export function summaryAthlete(a: FakeAthlete) {
  return {
    id: a.id,
    username: a.username,
    resource_state: 2,
    firstname: a.firstname,
    lastname: a.lastname,
    bio: null,
    city: a.city,
    state: null,
    country: a.country,
    sex: a.sex,
    premium: false,
    summit: false,
    created_at: a.created_at,
    updated_at: a.created_at,
    badge_type_id: 0,
    weight: null,
    profile_medium: 'avatar/athlete/medium.png',
    profile: 'avatar/athlete/large.png',
    friend: null,
    follower: null,
  };
}

/** Detailed athlete (with measurement_preference) only for profile:read_all, like Strava. */
export function athleteFor(a: FakeAthlete, scopes: string[]) {
  const summary = summaryAthlete(a);
  if (!scopes.includes('profile:read_all')) return summary;
  return {
    ...summary,
    resource_state: 3,
    measurement_preference: a.measurement_preference,
    ftp: null,
    clubs: [],
    bikes: [],
    shoes: [],
  };
}

export function summaryActivity(a: FakeActivity) {
  const { laps: _laps, description: _d, calories: _c, ...summary } = a;
  return { ...summary, resource_state: 2 };
}
