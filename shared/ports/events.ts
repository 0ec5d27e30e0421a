import { z } from 'zod';

/**
 * Events on the bus (EventBridge on AWS, in-process locally). `detailType` is the EventBridge
 * DetailType; infra/wiring.ts routes each one to its handlers. Every detail is validated when it
 * is consumed: the bus delivers at least once and may carry older shapes.
 */
export const EVENT_SOURCE = 'runnudge';

export const stravaActivityDetail = z.object({
  athleteId: z.number().int().positive(),
  activityId: z.string().regex(/^\d+$/),
  aspect: z.enum(['create', 'update', 'delete']),
  /** Unix seconds, from Strava's event. */
  eventTime: z.number().int().nonnegative(),
  updates: z.record(z.string(), z.string()),
  /** 0 for the webhook's delivery; >0 when re-published after a Strava 404 or 429. */
  attempt: z.number().int().min(0).default(0),
});

export const stravaAthleteDetail = z.object({
  athleteId: z.number().int().positive(),
  deauthorized: z.literal(true),
  eventTime: z.number().int().nonnegative(),
});

export const workoutRecordedDetail = z.object({
  runnerId: z.string().min(1),
  sourceId: z.string().min(1),
  /** 'create' for a new activity; 'update' when it was re-fetched (never a new text). */
  aspect: z.enum(['create', 'update']),
  /** Imported history never produces texts. */
  backfill: z.boolean(),
});

export const workoutDeletedDetail = z.object({
  runnerId: z.string().min(1),
  sourceId: z.string().min(1),
});

export type StravaActivityDetail = z.input<typeof stravaActivityDetail>;
export type StravaAthleteDetail = z.infer<typeof stravaAthleteDetail>;
export type WorkoutRecordedDetail = z.infer<typeof workoutRecordedDetail>;
export type WorkoutDeletedDetail = z.infer<typeof workoutDeletedDetail>;

export type BusEvent =
  | { detailType: 'strava.activity'; detail: StravaActivityDetail }
  | { detailType: 'strava.athlete'; detail: StravaAthleteDetail }
  | { detailType: 'workout.recorded'; detail: WorkoutRecordedDetail }
  | { detailType: 'workout.deleted'; detail: WorkoutDeletedDetail };

export type DetailType = BusEvent['detailType'];
