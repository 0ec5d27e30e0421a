/**
 * Zod schemas for the parts of Strava's JSON we rely on (see shared/docs/strava.md).
 * Objects strip unknown keys rather than rejecting them: Strava adds fields over time, and a
 * webhook we reject with 400 is retried and then lost.
 */
import * as z from 'zod';
import type { StravaWebhookEvent } from '../../ports/index.js';

/** Strava ids are "long": activity ids already exceed 2^31, so accept any positive safe integer. */
const stravaId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const unixSeconds = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/** Keys that could reach an object's prototype if some later code copies `updates` naively. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * `updates` values are strings even for booleans ("true"/"false"). Strava sends at most a handful
 * of keys (title, type, private, authorized); the caps keep a hostile body from carrying megabytes
 * through the bus. Forbidden keys are checked on the input: JSON.parse makes "__proto__" an own
 * key, but zod's record output silently drops it, so a check on the output would never see it.
 */
const updates = z
  .custom<unknown>(
    (value) => !(value && typeof value === 'object' && Object.keys(value).some((key) => FORBIDDEN_KEYS.has(key))),
    { message: 'must not contain "__proto__", "constructor" or "prototype" keys' },
  )
  .pipe(
    z
      .record(z.string().max(64), z.string().max(1024))
      .refine((value) => Object.keys(value).length <= 32, { message: 'too many keys (at most 32)' }),
  );

export const webhookEventSchema = z.object({
  object_type: z.enum(['activity', 'athlete']),
  object_id: stravaId,
  aspect_type: z.enum(['create', 'update', 'delete']),
  updates,
  owner_id: stravaId,
  subscription_id: stravaId,
  event_time: unixSeconds,
}) satisfies z.ZodType<StravaWebhookEvent>;

export type ParseWebhookResult = { ok: true; event: StravaWebhookEvent } | { ok: false; issues: string[] };

/**
 * Validates a JSON-parsed webhook body. Never throws. The body's own `__proto__` key (JSON.parse
 * makes it an own property) is simply not read: only the schema's keys are copied to the result.
 */
export function parseWebhookEvent(raw: unknown): ParseWebhookResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, issues: ['body: expected a JSON object'] };
  }
  const result = webhookEventSchema.safeParse(raw);
  if (result.success) return { ok: true, event: result.data };
  return { ok: false, issues: formatIssues(result.error) };
}

export function formatIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.map(String).join('.') || 'body'}: ${issue.message}`);
}

/* ------------------------------------------------------------------ activities */

export const lapSchema = z.object({
  lap_index: z.number().int(),
  distance: z.number().nonnegative(),
  moving_time: z.number().nonnegative(),
  average_speed: z.number().nonnegative(),
});

/**
 * The activity fields normalize.ts uses, common to SummaryActivity (athlete activities list) and
 * DetailedActivity. `sport_type` is an open string (the enum keeps growing); activities from before
 * June 2022 may carry only the deprecated `type`.
 */
const activityFields = {
  id: stravaId,
  name: z.string(),
  distance: z.number().nonnegative(),
  moving_time: z.number().nonnegative(),
  elapsed_time: z.number().nonnegative(),
  sport_type: z.string().min(1).optional(),
  type: z.string().min(1).optional(),
  workout_type: z.number().int().nullable().optional(),
  start_date: z.iso.datetime({ offset: true }),
  /** Local wall clock written with a misleading "Z"; kept for reference, never parsed as UTC. */
  start_date_local: z.string(),
  timezone: z.string().nullable().optional(),
  /** Seconds east of UTC at the start (missing from the swagger, returned in practice). */
  utc_offset: z.number().nullable().optional(),
  manual: z.boolean().optional().default(false),
};

const hasSport = (a: { sport_type?: string | undefined; type?: string | undefined }) =>
  a.sport_type !== undefined || a.type !== undefined;
const sportRequired = { message: 'sport_type or type is required', path: ['sport_type'] };

/** The DetailedActivity subset (GET /activities/{id}): the common fields plus laps. */
export const detailedActivitySchema = z
  .object({ ...activityFields, laps: z.array(lapSchema).optional() })
  .refine(hasSport, sportRequired);

/** A SummaryActivity (GET /athlete/activities): the common fields; Strava sends no laps here. */
export const summaryActivitySchema = z.object(activityFields).refine(hasSport, sportRequired);

export type StravaSummaryActivity = z.infer<typeof summaryActivitySchema>;
export type StravaActivity = z.infer<typeof detailedActivitySchema>;

/* ------------------------------------------------------------------ athletes and tokens */

/**
 * Athlete summary (token response) or detailed athlete (GET /athlete). `measurement_preference`
 * only comes with the detailed representation; an unknown value is dropped, not fatal.
 */
export const athleteSchema = z.object({
  id: stravaId,
  firstname: z
    .string()
    .nullable()
    .optional()
    .transform((v) => v ?? ''),
  lastname: z.string().nullable().optional(),
  measurement_preference: z.enum(['meters', 'feet']).optional().catch(undefined),
});

export type StravaAthlete = z.infer<typeof athleteSchema>;

/** POST /oauth/token answer, for both grants; only authorization_code carries `athlete`. */
export const tokenResponseSchema = z.object({
  token_type: z.string(),
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_at: unixSeconds,
  expires_in: z.number().int(),
  athlete: athleteSchema.optional(),
});

export type StravaTokenResponse = z.infer<typeof tokenResponseSchema>;

/** Strava's error body, e.g. `{"message":"Bad Request","errors":[{"resource":"RefreshToken",...}]}`. */
export const faultSchema = z.object({
  message: z.string().optional(),
  errors: z
    .array(z.object({ resource: z.string().optional(), field: z.string().optional(), code: z.string().optional() }))
    .optional(),
});
