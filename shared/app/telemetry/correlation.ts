import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { BusEvent } from '../../ports/events.js';
import type { EventPublisher } from '../../ports/index.js';
import { logger } from '../logger.js';

/**
 * One correlation id from the webhook to the text: the HTTP request id (or an incoming
 * `x-correlation-id`) starts it; every bus event published while handling carries it in its detail
 * (`correlationId`), and the handler that consumes the event continues it. Every log line of every hop
 * has it as `correlation_id`, so one run can be followed across functions. It is an opaque id, never
 * personal data.
 */
const current = new AsyncLocalStorage<string>();

export const CORRELATION_KEY = 'correlationId';

export function correlationId(): string | undefined {
  return current.getStore();
}

/** Runs `fn` with `id` as the correlation id of everything it does, logs included. */
export function withCorrelation<T>(id: string | undefined, fn: () => Promise<T>): Promise<T> {
  const value = id && /^[\w.:-]{1,128}$/.test(id) ? id : randomUUID();
  logger.appendKeys({ correlation_id: value });
  return current.run(value, fn);
}

/** The id an incoming bus event carries, if any (validated by withCorrelation). */
export function correlationOf(event: unknown): string | undefined {
  const detail = (event as { detail?: Record<string, unknown> } | null)?.detail;
  const id = detail?.[CORRELATION_KEY];
  return typeof id === 'string' ? id : undefined;
}

/** Stamps the current correlation id into each published event's detail. */
export function correlatedPublisher(inner: EventPublisher): EventPublisher {
  return {
    publish(events) {
      const id = correlationId();
      if (!id) return inner.publish(events);
      // The id rides along in the detail beside the event's own fields; every consumer's schema
      // ignores unknown keys (zod strips them), so the BusEvent types need not know about it.
      const stamped = events.map((e) => ({ ...e, detail: { ...e.detail, [CORRELATION_KEY]: id } }) as unknown as BusEvent);
      return inner.publish(stamped);
    },
  };
}
