import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoBackfillStore } from '../../adapters/dynamo/backfill-store.js';
import { DynamoCheckInStore } from '../../adapters/dynamo/checkin-store.js';
import { createDocumentClient } from '../../adapters/dynamo/client.js';
import { DynamoDueQueue } from '../../adapters/dynamo/due-queue.js';
import { DynamoEventDedupe } from '../../adapters/dynamo/event-dedupe.js';
import { DynamoJobScheduleStore } from '../../adapters/dynamo/job-schedule-store.js';
import { DynamoLedger } from '../../adapters/dynamo/ledger.js';
import { DynamoOneTimeUse } from '../../adapters/dynamo/one-time-use.js';
import { DynamoPendingActivities } from '../../adapters/dynamo/pending-activities.js';
import { DynamoReadBudget } from '../../adapters/dynamo/read-budget.js';
import { DynamoRunnerStore } from '../../adapters/dynamo/runner-store.js';
import { DynamoWorkoutStore } from '../../adapters/dynamo/workout-store.js';
import type {
  BackfillStore,
  DueQueue,
  EventDedupe,
  Ledger,
  OneTimeUse,
  PendingActivities,
  ReadBudget,
  RunnerStore,
  WorkoutStore,
} from '../../ports/index.js';
import type { CheckInStore, JobScheduleStore } from '../../ports/index.js';
import type { Base } from './base.js';

/** The stores on the app's one table (every function has the table; tokens need a cipher: tracker.ts). */
export interface TableStores {
  runners: RunnerStore;
  workouts: WorkoutStore;
  ledger: Ledger;
  due: DueQueue;
  backfills: BackfillStore;
  checkIns: CheckInStore;
  schedule: JobScheduleStore;
  dedupe: EventDedupe;
  /** Strava reads per runner per quarter hour, and the activity events waiting for a list. */
  readBudget: ReadBudget;
  pendingActivities: PendingActivities;
  /** Single-use OAuth states. */
  oneTime: OneTimeUse;
}

/** One document client per function, shared by its stores (and the token store). */
export function documentClient({ config }: Base): { doc: DynamoDBDocumentClient; table: string } {
  return { doc: createDocumentClient({ endpoint: config.DYNAMODB_ENDPOINT }), table: config.TABLE_NAME };
}

/** The stores are thin classes over one client: building all of them costs nothing worth choosing. */
export function tableStores(base: Base, { doc, table } = documentClient(base)): TableStores {
  return {
    runners: new DynamoRunnerStore(doc, table, base.clock),
    workouts: new DynamoWorkoutStore(doc, table),
    ledger: new DynamoLedger(doc, table),
    due: new DynamoDueQueue(doc, table),
    backfills: new DynamoBackfillStore(doc, table),
    checkIns: new DynamoCheckInStore(doc, table),
    schedule: new DynamoJobScheduleStore(doc, table),
    dedupe: new DynamoEventDedupe(doc, table),
    readBudget: new DynamoReadBudget(doc, table),
    pendingActivities: new DynamoPendingActivities(doc, table),
    oneTime: new DynamoOneTimeUse(doc, table),
  };
}
