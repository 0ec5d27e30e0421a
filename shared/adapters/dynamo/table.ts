/**
 * The one DynamoDB table: its key schema, shared by the CDK stack, the local runtime (which creates it
 * in dynalite) and the repository adapters.
 *
 * Access patterns and the keys that serve them:
 * | pattern                                   | key                                                          |
 * |-------------------------------------------|--------------------------------------------------------------|
 * | runner by id                              | pk=RUNNER#{runnerId}  sk=PROFILE                             |
 * | runner by Strava athlete id               | pk=ATHLETE#strava#{athleteId} sk=ATHLETE (→ runnerId)        |
 * | a runner's tracker tokens (encrypted)     | pk=RUNNER#{runnerId}  sk=TOKENS#strava                       |
 * | token refresh lease                       | pk=RUNNER#{runnerId}  sk=LEASE#token-refresh                 |
 * | a runner's workouts by local date range   | pk=RUNNER#{runnerId}  sk=WORKOUT#{localDate}#{sourceId} (ttl) |
 * | workout by activity id (update/delete)    | pk=RUNNER#{runnerId}  sk=ACTIVITY#strava#{sourceId} (→ date, ttl) |
 * | weekly figures by ISO week (runner's zone)| pk=RUNNER#{runnerId}  sk=WEEK#{monday}  (c_{activityId} each) |
 * | an activity's folded version and week     | pk=RUNNER#{runnerId}  sk=FIGIDX#strava#{activityId}          |
 * | "sent once" ledger                        | pk=RUNNER#{runnerId}  sk=LEDGER#{key}  (ttl)                 |
 * | held texts / deferred events              | pk=RUNNER#{runnerId}  sk=DUE#{id}                            |
 * | history import cursor (per tracker)       | pk=RUNNER#{runnerId}  sk=BACKFILL#strava                     |
 * | items due by time (sparse GSI1)           | gsi1pk=DUE#{yyyy-mm-ddThh of dueAt}  gsi1sk={dueAt}#{runnerId}#{id} |
 * | core check-ins by local date             | pk=RUNNER#{runnerId}  sk=CORE#{localDate}#{id}               |
 * | back-pain answers by ISO week             | pk=RUNNER#{runnerId}  sk=BACKPAIN#{week}                     |
 * | plank tests offered / logged              | pk=RUNNER#{runnerId}  sk=PLANK#{date}#{kind}                 |
 * | a runner's next run of a scheduled job    | pk=RUNNER#{runnerId}  sk=SCHED#{job}                         |
 * | runners due for a job (sparse GSI1)       | gsi1pk=JOB#{job}#{yyyy-mm-ddThh of nextRun} gsi1sk={nextRun}#{runnerId} |
 * | event dedupe (webhook deliveries)         | pk=EVENT#{key}        sk=EVENT     (ttl)                     |
 * | message log (sent/held/suppressed)       | pk=RUNNER#{runnerId}  sk=MSG#{at}#{id}  (ttl 30 days)        |
 * | phone verification / SMS consent          | pk=RUNNER#{runnerId}  sk=PHONE#verification, SMS#consent     |
 * | single-use marks (OAuth state)           | pk=ONCE#{sha256(key)} sk=ONCE      (ttl)                     |
 * | runner by verified phone (inbound texts)  | pk=PHONE#{sha256(number)} sk=PHONE (→ runnerId)               |
 * | local outbox (local runtime only)         | pk=OUTBOX             sk={at}#{insertion stamp}#{id}         |
 *
 * Everything about a runner lives under pk=RUNNER#{runnerId} (plus the athlete lookup), so deleting
 * a runner is one Query plus batched deletes. dynalite has no transactions and never expires items:
 * writes that must happen once are conditional puts, and readers ignore items whose `ttl` has passed.
 */
export const TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  ttlAttribute: 'ttl',
  gsi1: { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
} as const;

export const key = {
  runner: (runnerId: string) => `RUNNER#${runnerId}`,
  athlete: (athleteId: number) => `ATHLETE#strava#${athleteId}`,
  event: (eventKey: string) => `EVENT#${eventKey}`,
  outbox: 'OUTBOX',
  /** GSI1 bucket: one partition per UTC hour of the due time, so the due job reads a few small partitions. */
  dueBucket: (dueAtIso: string) => `DUE#${dueAtIso.slice(0, 13)}`,
} as const;
