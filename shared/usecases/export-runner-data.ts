/**
 * `GET /api/me/export`: everything runnudge keeps about the runner, as JSON (issue 8, GDPR art. 15
 * and 20). Built from every item under the runner's key, so a kind of data added later shows up
 * (under `other`) without this file knowing it. Secrets are never exported: the encrypted tracker
 * tokens appear only as "stored", and hashed delivery keys as their count.
 */
import type { Clock, RunnerItems, StoredItem } from '../ports/index.js';

export interface ExportDeps {
  items: RunnerItems;
  clock: Clock;
}

/** Sort-key prefix → the export's name for that kind of data. */
const KINDS: Record<string, string> = {
  PROFILE: 'profile',
  'TOKENS#': 'trackerConnection',
  'WORKOUT#': 'trackerActivities',
  'WEEK#': 'weeklyFigures',
  'FIGIDX#': 'activityVersions',
  'CORE#': 'coreSessions',
  'BACKPAIN#': 'backPainAnswers',
  'PLANK#': 'plankTests',
  'LEDGER#': 'messagesSent',
  'DUE#': 'messagesHeld',
  'BACKFILL#': 'historyImport',
  'SCHED#': 'jobSchedule',
};

/** Bookkeeping with nothing about the runner in it beyond an id: counted, not listed. */
const COUNTED_ONLY = ['ACTIVITY#', 'LEASE#', 'EVENT#', 'DELIVERY#', 'BUDGET#', 'PENDING#'];

export interface RunnerExport {
  exportedAt: string;
  runnerId: string;
  /** What each kind is and how long it is kept. */
  retention: Record<string, string>;
  data: Record<string, unknown[]>;
  /** Bookkeeping items (pointers, leases, delivery records): how many of each. */
  bookkeeping: Record<string, number>;
}

const RETENTION = {
  trackerActivities: 'Strava activities as fetched (no name, map or heart rate): deleted TRACKER_DATA_DAYS after the fetch.',
  weeklyFigures: 'Our weekly figures per ISO week: kept while you stay connected, deleted with your account.',
  everythingElse: 'Kept while you stay connected; DELETE /api/me removes it all.',
};

function kindOf(sk: string): { name: string; counted: boolean } {
  const counted = COUNTED_ONLY.find((p) => sk.startsWith(p));
  if (counted) return { name: counted.replace('#', '').toLowerCase(), counted: true };
  const prefix = Object.keys(KINDS).find((p) => sk === p || sk.startsWith(p));
  return prefix ? { name: KINDS[prefix]!, counted: false } : { name: 'other', counted: false };
}

function exported(name: string, item: StoredItem): unknown {
  // The tokens are encrypted secrets: say that they exist, never what they are.
  if (name === 'trackerConnection') return { tracker: 'strava', stored: true };
  return item.expiresAt !== undefined
    ? { ...item.data, expiresAt: new Date(item.expiresAt * 1000).toISOString() }
    : { ...item.data };
}

export async function exportRunnerData(runnerId: string, deps: ExportDeps): Promise<RunnerExport> {
  const now = deps.clock.now();
  const data: Record<string, unknown[]> = {};
  const bookkeeping: Record<string, number> = {};
  for (const item of await deps.items.listItems(runnerId)) {
    // Past its expiry an item is no longer ours to show (DynamoDB deletes it only eventually).
    if (item.expiresAt !== undefined && item.expiresAt * 1000 <= now.getTime()) continue;
    const { name, counted } = kindOf(item.sk);
    if (counted) bookkeeping[name] = (bookkeeping[name] ?? 0) + 1;
    else data[name] = [...(data[name] ?? []), exported(name, item)];
  }
  return { exportedAt: now.toISOString(), runnerId, retention: RETENTION, data, bookkeeping };
}
