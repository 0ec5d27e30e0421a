/**
 * The project's own models. Nothing here knows about Strava's JSON, DynamoDB or AWS:
 * adapters translate into these shapes at the edge.
 */

/** An IANA zone name such as "Europe/Berlin". Validated where it enters (settings, tracker). */
export type TimeZone = string;

/** Wall-clock "HH:mm" in the runner's zone. */
export type LocalTime = string;

export interface QuietHours {
  /** Start of quiet hours, e.g. "21:00". */
  start: LocalTime;
  /** End of quiet hours, e.g. "07:00". May be earlier than start (the window crosses midnight). */
  end: LocalTime;
}

export interface Channels {
  sms: boolean;
  email: boolean;
}

export interface RunnerSettings {
  /** E.164, e.g. "+14155550123"; null until the runner enters one. */
  phone: string | null;
  email: string | null;
  /**
   * Quiet hours, local dates and job times use this zone. Until the runner chooses one it follows
   * their tracker (the zone of their latest run; UTC before the first).
   */
  timeZone: TimeZone;
  /** True once the runner saved a zone themselves; from then on the tracker's zone is never adopted. */
  timeZoneSetByRunner?: boolean;
  quietHours: QuietHours;
  channels: Channels;
  /**
   * Distance units chosen on the settings page. Strava's `measurement_preference` needs the
   * profile:read_all scope, which we do not ask for; without a choice, the runner's tracker default.
   */
  units?: MeasurementPreference;
  /** The optional daily hamstring reminder on days without a run (off unless the runner turns it on). */
  dailyStretch?: boolean;
  /** At most this many nudge texts per local day (codes and replies exempt); 3 when unset. */
  dailyNudgeCap?: number;
}

export type MeasurementPreference = 'meters' | 'feet';

export interface Runner {
  runnerId: string;
  /** Strava athlete id. */
  athleteId: number;
  firstName: string;
  measurementPreference: MeasurementPreference;
  settings: RunnerSettings;
  /** ISO instant. */
  createdAt: string;
  /** ISO instant the runner texted STOP (or carriers reported an opt-out); unset once they text START. */
  smsOptedOutAt?: string;
}

/** OAuth tokens for the tracker, kept encrypted at rest (see the Cipher port). */
export interface TrackerTokens {
  accessToken: string;
  refreshToken: string;
  /** Unix seconds when the access token expires. */
  expiresAt: number;
  /** Scopes the athlete granted, e.g. ["read", "activity:read_all"]. */
  scopes: string[];
}

/** How the tracker tagged the workout (Strava `workout_type`). */
export type WorkoutTag = 'default' | 'race' | 'long-run' | 'workout';

export interface Lap {
  lapIndex: number;
  distanceM: number;
  movingTimeS: number;
  /** m/s */
  averageSpeed: number;
}

export interface Workout {
  runnerId: string;
  source: 'strava';
  /** The tracker's activity id, as a string. */
  sourceId: string;
  name: string;
  /** Tracker sport, kept open (Strava's SportType keeps growing): "Run", "TrailRun", "Ride", ... */
  sport: string;
  tag: WorkoutTag;
  distanceM: number;
  movingTimeS: number;
  elapsedTimeS: number;
  /** ISO instant in UTC, e.g. "2026-03-01T06:30:00.000Z". */
  startUtc: string;
  /** Local wall-clock start without offset, e.g. "2026-03-01T07:30:00". */
  startLocal: string;
  /** Local calendar date "YYYY-MM-DD" in `timeZone`. */
  localDate: string;
  timeZone: TimeZone;
  manual: boolean;
  laps: Lap[];
}

/** Kinds of message the service sends; listed by `GET /dev/outbox` as `kind`. */
export type MessageKind =
  | 'post-run-stretch'
  | 'core-nudge'
  | 'speed-warning'
  | 'weekly-digest'
  | 'plank-test'
  | 'back-pain'
  | 'daily-stretch'
  /** Issue 9: the 6-digit code, the answer to a runner's text, the opt-in confirmation. */
  | 'phone-verification'
  | 'sms-reply'
  | 'sms-confirmation';

export type Channel = 'sms' | 'email';

/** A message ready to hand to a notifier. */
export interface OutgoingMessage {
  runnerId: string;
  channel: Channel;
  /** Phone (E.164) for sms, address for email. */
  to: string;
  kind: MessageKind;
  subject?: string;
  text: string;
  html?: string;
}
