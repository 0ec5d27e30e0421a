/**
 * The redrive on AWS (`npm run redrive -- --aws`): the same use case as locally, run from the
 * operator's machine with their AWS credentials against the deployed table (the `TableName` output)
 * and bus (`EventBusName`). Events go back on the bus; held texts go back in the due queue, due now,
 * for the next due-messages run. A letter is removed only after its replay was accepted.
 */
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { runtimeClock } from '../../shared/adapters/clock.js';
import { createDocumentClient } from '../../shared/adapters/dynamo/client.js';
import { DynamoDeadLetters } from '../../shared/adapters/dynamo/dead-letters.js';
import { DynamoDueQueue } from '../../shared/adapters/dynamo/due-queue.js';
import { EventBridgePublisher } from '../../shared/adapters/events/eventbridge-publisher.js';
import { redriveDeadLetters, type RedriveResult } from '../../shared/usecases/redrive-dead-letters.js';

export interface AwsRedriveOptions {
  tableName: string;
  eventBusName: string;
  /** Tests point this at dynalite; on AWS it is unset. */
  dynamoEndpoint?: string;
}

export async function redriveOnAws(options: AwsRedriveOptions): Promise<RedriveResult> {
  const doc = createDocumentClient({ endpoint: options.dynamoEndpoint });
  const events = new EventBridgeClient({});
  try {
    return await redriveDeadLetters({
      deadLetters: new DynamoDeadLetters(doc, options.tableName),
      publisher: new EventBridgePublisher(events, options.eventBusName),
      due: new DynamoDueQueue(doc, options.tableName),
      clock: runtimeClock,
    });
  } finally {
    doc.destroy();
    events.destroy();
  }
}
