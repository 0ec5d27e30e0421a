/**
 * `npm run redrive`: replays every dead letter (shared/usecases/redrive-dead-letters.ts).
 * - A running local runtime (default; `--url http://127.0.0.1:3000` or RUNNUDGE_URL): asks it, through
 *   `POST /dev/redrive`, and prints what it did.
 * - A stopped one (`--data-dir .data`): opens its data, puts each replay where the next `npm start`
 *   picks it up (the bus's pending events, the due queue), and removes the letter.
 * - The deployed stack (`--aws --table <TableName> --bus <EventBusName>`, the stack's outputs; or
 *   TABLE_NAME and EVENT_BUS_NAME): with the operator's AWS credentials (redrive-aws.ts).
 */
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import dynalite from 'dynalite';
import { runtimeClock } from '../../shared/adapters/clock.js';
import { createDocumentClient } from '../../shared/adapters/dynamo/client.js';
import { ensureTable } from '../../shared/adapters/dynamo/create-table.js';
import { DynamoDeadLetters } from '../../shared/adapters/dynamo/dead-letters.js';
import { DynamoDueQueue } from '../../shared/adapters/dynamo/due-queue.js';
import { redriveDeadLetters, type RedriveResult } from '../../shared/usecases/redrive-dead-letters.js';
import { LocalBus } from './bus.js';
import { TABLE_NAME } from './runtime.js';
import { LocalRuntimeError } from './errors.js';
import { redriveOnAws } from './redrive-aws.js';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    'data-dir': { type: 'string' },
    aws: { type: 'boolean' },
    table: { type: 'string' },
    bus: { type: 'string' },
  },
  strict: true,
});

async function viaRuntime(base: string): Promise<RedriveResult> {
  const url = `${base.replace(/\/$/, '')}/dev/redrive`;
  const res = await fetch(url, { method: 'POST' }).catch(() => {
    throw new LocalRuntimeError(
      `no local runtime answers at ${base} (start it with npm start, or pass --data-dir for a stopped one)`,
    );
  });
  if (res.status !== 200) throw new LocalRuntimeError(`POST /dev/redrive answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as RedriveResult;
}

async function offline(dataDir: string): Promise<RedriveResult> {
  const db = dynalite({ path: path.join(dataDir, 'dynalite'), createTableMs: 0 });
  await new Promise<void>((resolve) => db.listen(0, '127.0.0.1', () => resolve()));
  const doc = createDocumentClient({ endpoint: `http://127.0.0.1:${(db.address() as AddressInfo).port}` });
  try {
    await ensureTable(doc, TABLE_NAME);
    // A stopped bus only records what is published; the next start replays it (LocalBus.recover).
    const bus = new LocalBus(doc, TABLE_NAME, runtimeClock, (line) => console.log(line));
    bus.stop();
    return await redriveDeadLetters({
      deadLetters: new DynamoDeadLetters(doc, TABLE_NAME),
      publisher: bus,
      due: new DynamoDueQueue(doc, TABLE_NAME),
      clock: runtimeClock,
    });
  } finally {
    doc.destroy();
    await new Promise<void>((resolve) => db.close(() => resolve()));
  }
}

async function onAws(): Promise<RedriveResult> {
  const tableName = values.table ?? process.env['TABLE_NAME'];
  const eventBusName = values.bus ?? process.env['EVENT_BUS_NAME'];
  if (!tableName || !eventBusName) {
    throw new LocalRuntimeError('--aws needs --table <TableName> and --bus <EventBusName> (the stack outputs)');
  }
  return redriveOnAws({ tableName, eventBusName });
}

if (!values.aws) {
  // The SDK wants credentials and a region even for dynalite; never real ones here.
  process.env['AWS_REGION'] ??= 'us-east-1';
  process.env['AWS_ACCESS_KEY_ID'] ??= 'local';
  process.env['AWS_SECRET_ACCESS_KEY'] ??= 'local';
}

const dataDir = values['data-dir'];
let result: RedriveResult;
try {
  result = values.aws
    ? await onAws()
    : dataDir
      ? await offline(dataDir)
      : await viaRuntime(values.url ?? process.env['RUNNUDGE_URL'] ?? 'http://127.0.0.1:3000');
} catch (err) {
  console.error(`redrive: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(2);
}
console.log(
  `redrive: ${result.republished} event(s) published again, ${result.rescheduled} held text(s) due now, ${result.failed} failed (kept)`,
);
if (dataDir && result.republished + result.rescheduled > 0) console.log('  they are delivered on the next npm start');
process.exitCode = result.failed > 0 ? 1 : 0;
