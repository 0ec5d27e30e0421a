import * as z from 'zod';

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
  /** 0 for the webhook's delivery; >0 when re-published after a Strava 404, 429, 5xx or no answer. */
  attempt: z.number().int().min(0).default(0),
  /**
   * Seen in the runner's own activity list at Strava, so not a made-up id: fetched without waiting
   * for the runner's read budget.
   */
  listed: z.boolean().default(false),
});

/** Settle the runner's waiting activity events with one list of their activities (resolve-pending). */
export const stravaPendingDetail = z.object({
  runnerId: z.string().min(1),
  athleteId: z.number().int().positive(),
});

export const stravaAthleteDetail = z.object({
  athleteId: z.number().int().positive(),
  deauthorized: z.literal(true),
  eventTime: z.number().int().nonnegative(),
  /** 0 from the webhook; >0 when re-checked later because Strava could not confirm it. */
  attempt: z.number().int().min(0).default(0),
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

/** A runner connected (or reconnected) Strava: starts, or revives, the history import. */
export const runnerConnectedDetail = z.object({
  runnerId: z.string().min(1),
  athleteId: z.number().int().positive(),
});

/** Continues a runner's history import at `page` of the tracker's activity list (1-based). */
export const historyBackfillDetail = z.object({
  runnerId: z.string().min(1),
  page: z.number().int().min(1),
  /** Consecutive deferrals of this page (rate limit); 0 for a plain continuation. */
  attempt: z.number().int().min(0).default(0),
});

/** A page of runners due for a per-runner job; the hourly job fans out in these (see functions/scheduled-jobs). */
export const runnerJobBatchDetail = z.object({
  job: z.enum(['core-check', 'weekly-digest']),
  runnerIds: z.array(z.string().min(1)).min(1).max(100),
});

export type StravaActivityDetail = z.input<typeof stravaActivityDetail>;
export type StravaAthleteDetail = z.input<typeof stravaAthleteDetail>;
export type StravaPendingDetail = z.infer<typeof stravaPendingDetail>;
export type WorkoutRecordedDetail = z.infer<typeof workoutRecordedDetail>;
export type WorkoutDeletedDetail = z.infer<typeof workoutDeletedDetail>;
export type RunnerConnectedDetail = z.infer<typeof runnerConnectedDetail>;
export type HistoryBackfillDetail = z.input<typeof historyBackfillDetail>;
export type RunnerJobBatchDetail = z.infer<typeof runnerJobBatchDetail>;

export type BusEvent =
  | { detailType: 'strava.activity'; detail: StravaActivityDetail }
  | { detailType: 'strava.athlete'; detail: StravaAthleteDetail }
  | { detailType: 'strava.pending'; detail: StravaPendingDetail }
  | { detailType: 'workout.recorded'; detail: WorkoutRecordedDetail }
  | { detailType: 'workout.deleted'; detail: WorkoutDeletedDetail }
  | { detailType: 'runner.connected'; detail: RunnerConnectedDetail }
  | { detailType: 'history.backfill'; detail: HistoryBackfillDetail }
  | { detailType: 'jobs.runner-batch'; detail: RunnerJobBatchDetail };

export type DetailType = BusEvent['detailType'];
