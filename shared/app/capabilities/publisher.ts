import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { EventBridgePublisher } from '../../adapters/events/eventbridge-publisher.js';
import type { EventPublisher } from '../../ports/index.js';
import { correlatedPublisher } from '../telemetry/correlation.js';
import { measuredPublisher } from '../telemetry/metrics.js';
import type { Base } from './base.js';
import { standIn } from './stand-ins.js';

/**
 * EventBridge on AWS; the local runtime's in-process bus with BUS=local. Either way every event
 * carries the correlation id of the work that published it, and is counted.
 */
export function eventPublisher({ config }: Base): EventPublisher {
  const bus =
    config.BUS === 'local'
      ? standIn('publisher', 'BUS=local')
      : new EventBridgePublisher(new EventBridgeClient({}), config.EVENT_BUS_NAME ?? '');
  return correlatedPublisher(measuredPublisher(bus));
}
