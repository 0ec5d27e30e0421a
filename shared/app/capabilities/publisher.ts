import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { EventBridgePublisher } from '../../adapters/events/eventbridge-publisher.js';
import type { EventPublisher } from '../../ports/index.js';
import type { Base } from './base.js';
import { standIn } from './stand-ins.js';

/** EventBridge on AWS; the local runtime's in-process bus with BUS=local. */
export function eventPublisher({ config }: Base): EventPublisher {
  if (config.BUS === 'local') return standIn('publisher', 'BUS=local');
  return new EventBridgePublisher(new EventBridgeClient({}), config.EVENT_BUS_NAME ?? '');
}
