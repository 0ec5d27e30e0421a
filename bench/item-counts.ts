/**
 * Items per runner for a year of runs every other day (issue 8's closing figure), before and after
 * keeping raw tracker data for TRACKER_DATA_DAYS only. On dynalite, through the real stores:
 * - before: every run stored raw for good (workout + activity pointer), which is what the workout
 *   store did before issue 8 (measured with a retention longer than the year);
 * - after: each run fetched on its day (raw, ttl = fetch + 7 days) and folded into its week.
 * "Live" counts the items a read still returns at the end (and what DynamoDB keeps once TTL has run).
 * Run: npx tsx bench/item-counts.ts
 */
import { DynamoWeekFiguresStore } from '../shared/adapters/dynamo/week-figures-store.js';
import { DynamoWorkoutStore } from '../shared/adapters/dynamo/workout-store.js';
import type { Workout } from '../shared/domain/types.js';
import { createTestTable, startDynalite } from '../test/support/dynalite.js';

const END = Date.parse('2026-12-01T07:00:00Z');
const RUNS = 183; // a year, every other day

function run(runnerId: string, i: number): Workout {
  const startUtc = new Date(END - (RUNS - 1 - i) * 2 * 86_400_000).toISOString();
  return {
    runnerId,
    source: 'strava',
    sourceId: String(100_000 + i),
    name: 'Morning Run',
    sport: 'Run',
    tag: i % 7 === 0 ? 'long-run' : 'default',
    distanceM: 8000,
    movingTimeS: 2880,
    elapsedTimeS: 2950,
    startUtc,
    startLocal: startUtc.slice(0, 19),
    localDate: startUtc.slice(0, 10),
    timeZone: 'Europe/Berlin',
    manual: false,
    laps: Array.from({ length: 8 }, (_, k) => ({ lapIndex: k, distanceM: 1000, movingTimeS: 360, averageSpeed: 2.78 })),
  };
}

const db = await startDynalite();
try {
  const table = await createTestTable(db.endpoint);
  let now = new Date(END);
  const clock = { now: () => now };
  const before = new DynamoWorkoutStore(table.client, table.tableName, { days: 400, clock });
  const after = new DynamoWorkoutStore(table.client, table.tableName, { days: 7, clock });
  const figures = new DynamoWeekFiguresStore(table.client, table.tableName);
  for (let i = 0; i < RUNS; i++) {
    const w = run('before', i);
    now = new Date(Date.parse(w.startUtc) + 3_600_000);
    await before.putWorkout(w);
    const a = run('after', i);
    await after.putWorkout(a);
    await figures.apply('after', 'Europe/Berlin', { activityId: a.sourceId, v: now.getTime(), kind: 'put', workout: a });
  }
  now = new Date(END + 3_600_000);
  const items = await table.scanAll();
  const nowS = Math.floor(now.getTime() / 1000);
  const count = (pk: string) => {
    const mine = items.filter((i) => i.pk === `RUNNER#${pk}`);
    const live = mine.filter((i) => typeof i.ttl !== 'number' || i.ttl > nowS);
    const kinds: Record<string, number> = {};
    for (const i of live) {
      const k = String(i.sk).split('#')[0]!;
      kinds[k] = (kinds[k] ?? 0) + 1;
    }
    const bytes = JSON.stringify(live).length;
    return { stored: mine.length, live: live.length, kinds, approxBytes: bytes };
  };
  console.log(JSON.stringify({ runs: RUNS, before: count('before'), after: count('after') }, null, 2));
} finally {
  await db.stop();
}
