import { DeleteCommand, PutCommand, paginateQuery, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DeadLetter, DeadLetters } from '../../ports/index.js';
import { itemKey } from './client.js';
import { TABLE, key } from './table.js';

/** Dead letters not tied to a runner (an event that names none). */
const SYSTEM_PK = 'DEADLETTER#SYSTEM';
/** The GSI1 partition that lists every dead letter, oldest first. */
const LIST_PK = 'DEADLETTERS';
const deadSk = (id: string) => `DEAD#${id}`;

/**
 * Dead letters in the app's table: under the runner (pk=RUNNER#id sk=DEAD#{id}, so deleting the
 * runner removes them, with the ids and titles they carry) and listed through the sparse GSI1
 * (gsi1pk=DEADLETTERS gsi1sk={at}#{id}). The operator's view: GET /dev/dead-letters locally, the
 * redrive script (npm run redrive) anywhere the table is reachable.
 */
export class DynamoDeadLetters implements DeadLetters {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async put(letter: DeadLetter): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...itemKey(partition(letter), deadSk(letter.id)),
          type: 'dead-letter',
          [TABLE.gsi1.partitionKey]: LIST_PK,
          [TABLE.gsi1.sortKey]: `${letter.at}#${letter.id}`,
          letter,
        },
      }),
    );
  }

  async list(): Promise<DeadLetter[]> {
    const letters: DeadLetter[] = [];
    for await (const page of paginateQuery(
      { client: this.client },
      {
        TableName: this.tableName,
        IndexName: TABLE.gsi1.name,
        KeyConditionExpression: '#gpk = :pk',
        ExpressionAttributeNames: { '#gpk': TABLE.gsi1.partitionKey },
        ExpressionAttributeValues: { ':pk': LIST_PK },
      },
    )) {
      for (const item of page.Items ?? []) letters.push(item['letter'] as DeadLetter);
    }
    return letters;
  }

  async remove(letter: Pick<DeadLetter, 'id' | 'runnerId'>): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: itemKey(partition(letter), deadSk(letter.id)) }));
  }
}

function partition(letter: Pick<DeadLetter, 'runnerId'>): string {
  return letter.runnerId ? key.runner(letter.runnerId) : SYSTEM_PK;
}
