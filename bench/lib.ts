/** Shared pieces of the benchmark: the result row, percentiles, and the two DynamoDB request counters. */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface Metric {
  name: string;
  value: number;
  unit: string;
  /** What the value is compared with (a baseline measurement or a fixed budget), or null. */
  baseline: number | null;
  ratio: number | null;
  /** The target, e.g. "<= 20"; null when the metric is context for another one. */
  target: string | null;
  met: boolean | null;
}

export interface BenchOptions {
  /** Tiny inputs: the smoke test's mode (shape and plumbing, not numbers to compare). */
  quick: boolean;
}

export function metric(
  name: string,
  value: number,
  unit: string,
  target: { op: '<=' | '>='; limit: number } | null,
  baseline: number | null = null,
): Metric {
  const v = Number.isFinite(value) ? Number(value.toPrecision(6)) : value;
  const ratio = baseline !== null && baseline !== 0 ? Number((value / baseline).toPrecision(4)) : null;
  const met = target === null ? null : target.op === '<=' ? value <= target.limit : value >= target.limit;
  return { name, value: v, unit, baseline, ratio, target: target ? `${target.op} ${target.limit}` : null, met };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest rank: the smallest value with at least p% of the samples at or below it.
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1]!;
}

export const median = (values: number[]) => percentile(values, 50);

export const READ_OPS = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem', 'TransactGetItems']);
export const WRITE_OPS = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);

export class RequestCounts {
  readonly byOp = new Map<string, number>();
  add(op: string): void {
    this.byOp.set(op, (this.byOp.get(op) ?? 0) + 1);
  }
  get reads(): number {
    return [...this.byOp].reduce((n, [op, c]) => n + (READ_OPS.has(op) ? c : 0), 0);
  }
  get writes(): number {
    return [...this.byOp].reduce((n, [op, c]) => n + (WRITE_OPS.has(op) ? c : 0), 0);
  }
  get total(): number {
    return [...this.byOp.values()].reduce((a, b) => a + b, 0);
  }
  reset(): void {
    this.byOp.clear();
  }
}

/** Counts every command sent through this client (a middleware on its stack, which lib-dynamodb shares). */
export function countRequests(client: DynamoDBDocumentClient): RequestCounts {
  const counts = new RequestCounts();
  client.middlewareStack.add(
    (next, context) => async (args) => {
      counts.add(String(context.commandName ?? 'unknown').replace(/Command$/, ''));
      return next(args);
    },
    { step: 'initialize', name: 'benchRequestCounter' },
  );
  return counts;
}

/**
 * Counts DynamoDB requests of clients we cannot reach (the local runtime builds its own): every HTTP
 * request the process sends with a DynamoDB `x-amz-target` header, seen on Node's http diagnostics
 * channel. Retries count too, as AWS bills them.
 */
export function countDynamoHttp(): { counts: RequestCounts; stop(): void } {
  const counts = new RequestCounts();
  const onStart = (message: unknown) => {
    const request = (message as { request: ClientRequest }).request;
    const target = request.getHeader('x-amz-target');
    if (typeof target === 'string' && target.startsWith('DynamoDB_')) counts.add(target.split('.')[1] ?? 'unknown');
  };
  subscribe('http.client.request.start', onStart);
  return { counts, stop: () => unsubscribe('http.client.request.start', onStart) };
}
