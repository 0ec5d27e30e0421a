import { afterEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { EventBridgePublisher } from '../../../shared/adapters/events/eventbridge-publisher.js';
import type { BusEvent } from '../../../shared/ports/index.js';

const eb = mockClient(EventBridgeClient);
afterEach(() => eb.reset());

const BUS = 'runnudge-bus';
const deleted = (n: number): BusEvent => ({ detailType: 'workout.deleted', detail: { runnerId: 'r-1', sourceId: String(n) } });

describe('EventBridgePublisher', () => {
  const publisher = new EventBridgePublisher(new EventBridgeClient({ region: 'us-east-1' }), BUS);

  it('sends each event as one entry with source, detail type, JSON detail and bus', async () => {
    eb.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: '1' }, { EventId: '2' }] });
    await publisher.publish([
      {
        detailType: 'strava.activity',
        detail: { athleteId: 7, activityId: '123', aspect: 'create', eventTime: 1_772_000_000, updates: {}, attempt: 0 },
      },
      { detailType: 'workout.recorded', detail: { runnerId: 'r-1', sourceId: '123', aspect: 'create', backfill: false } },
    ]);
    const calls = eb.commandCalls(PutEventsCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args[0].input).toEqual({
      Entries: [
        {
          Source: 'runnudge',
          DetailType: 'strava.activity',
          Detail: '{"athleteId":7,"activityId":"123","aspect":"create","eventTime":1772000000,"updates":{},"attempt":0}',
          EventBusName: BUS,
        },
        {
          Source: 'runnudge',
          DetailType: 'workout.recorded',
          Detail: '{"runnerId":"r-1","sourceId":"123","aspect":"create","backfill":false}',
          EventBusName: BUS,
        },
      ],
    });
  });

  it('chunks into calls of at most 10 entries, in order', async () => {
    eb.on(PutEventsCommand).resolves({ FailedEntryCount: 0 });
    await publisher.publish(Array.from({ length: 23 }, (_, i) => deleted(i)));
    const sizes = eb.commandCalls(PutEventsCommand).map((c) => c.args[0].input.Entries?.length);
    expect(sizes).toEqual([10, 10, 3]);
    const ids = eb
      .commandCalls(PutEventsCommand)
      .flatMap((c) => c.args[0].input.Entries ?? [])
      .map((e) => JSON.parse(e.Detail ?? '{}').sourceId);
    expect(ids).toEqual(Array.from({ length: 23 }, (_, i) => String(i)));
  });

  it('does nothing for no events', async () => {
    await publisher.publish([]);
    expect(eb.calls()).toHaveLength(0);
  });

  it('throws naming the error codes when entries fail, and stops there', async () => {
    eb.on(PutEventsCommand).resolves({
      FailedEntryCount: 2,
      Entries: [
        { EventId: 'ok' },
        { ErrorCode: 'ThrottlingException', ErrorMessage: 'slow down' },
        { ErrorCode: 'InternalException', ErrorMessage: 'oops' },
      ],
    });
    await expect(publisher.publish(Array.from({ length: 13 }, (_, i) => deleted(i)))).rejects.toThrow(
      /rejected 2 of 10 events \(ThrottlingException, InternalException\)/,
    );
    expect(eb.commandCalls(PutEventsCommand)).toHaveLength(1);
  });

  it('needs a bus name', () => {
    expect(() => new EventBridgePublisher(new EventBridgeClient({ region: 'us-east-1' }), '')).toThrow(/EVENT_BUS_NAME/);
  });
});
