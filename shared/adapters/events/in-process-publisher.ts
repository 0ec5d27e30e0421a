import type { BusEvent, EventPublisher } from '../../ports/index.js';

/**
 * The local runtime's bus: handlers publish through this adapter and the runtime (infra/local/bus.ts)
 * registers the sink that persists and routes the events by the same table as the AWS rules.
 */
export type BusSink = (events: BusEvent[]) => Promise<void>;

let sink: BusSink | null = null;

export function setInProcessBusSink(next: BusSink | null): void {
  sink = next;
}

export class InProcessPublisher implements EventPublisher {
  async publish(events: BusEvent[]): Promise<void> {
    if (!sink) throw new Error('No in-process bus is running (BUS=local needs the local runtime)');
    await sink(events);
  }
}
