/**
 * Cost per runner-month, excluding SMS, from what the other groups counted, at the unit prices in
 * bench/prices.json. The month: 20 runs (each with its webhook-to-text chain), 10 more webhook
 * deliveries (updates; costed as a full run chain, an upper bound), 52/12 weekly digests, 30 evening
 * checks, ~12 nudges a month (their SNS SMS price is the SMS line, excluded here). Fixed costs shared
 * by all runners (KMS key, the app secret, the hourly and 5-minute schedules) are left out: they do
 * not grow with runners.
 */
import { readFileSync } from 'node:fs';
import type { JobUsage } from './digest.js';
import { metric, type Metric } from './lib.js';
import type { RunUsage } from './per-run.js';

export interface Prices {
  date: string;
  source: string;
  lambdaRequestPerMillion: number;
  lambdaArmGbSecond: number;
  dynamoWriteUnitPerMillion: number;
  dynamoReadUnitPerMillion: number;
  eventBridgeEventPerMillion: number;
  httpApiRequestPerMillion: number;
  snsPublishPerMillion: number;
  snsEmailPer100k: number;
  logsIngestionPerGb: number;
  smsSegmentUsd: number;
}

export const PRICES: Prices = JSON.parse(readFileSync(new URL('./prices.json', import.meta.url), 'utf8')) as Prices;

export const MONTH = { runs: 20, updateDeliveries: 10, weeklyEmails: 52 / 12, eveningChecks: 30, nudges: 12 };
/** Assumptions where nothing is counted: items under 1 KB written / 4 KB read (1 unit per request), ~1 KB of logs per invocation, the memory of infra/wiring.ts. */
const ASSUME = {
  logKbPerInvocation: 1,
  chainMemoryGb: 0.25,
  jobsMemoryGb: 0.5,
  kmsRequestsPerRun: 1,
  kmsPer10k: 0.03,
  runnersPerBatch: 100,
};

export interface Usage {
  run: RunUsage;
  digest: JobUsage;
  coreCheck: JobUsage;
  /** Mean SMS segments per text (1 when every text fits one segment). */
  segmentsPerText: number;
}

export function costPerRunnerMonth(u: Usage, p: Prices = PRICES): { usd: number; lines: Record<string, number> } {
  const perM = (n: number, price: number) => (n / 1e6) * price;
  const chains = MONTH.runs + MONTH.updateDeliveries;
  const jobs = [
    { n: MONTH.weeklyEmails, usage: u.digest },
    { n: MONTH.eveningChecks, usage: u.coreCheck },
  ];
  const reads = chains * u.run.reads + jobs.reduce((s, j) => s + j.n * j.usage.reads, 0);
  const writes = chains * u.run.writes + jobs.reduce((s, j) => s + j.n * j.usage.writes, 0);
  const jobInvocations = jobs.reduce((s, j) => s + j.n / ASSUME.runnersPerBatch, 0);
  const invocations = chains * u.run.invocations + jobInvocations;
  const gbSeconds =
    chains * (u.run.ms / 1000) * ASSUME.chainMemoryGb +
    jobs.reduce((s, j) => s + j.n * (j.usage.msPerRunner / 1000) * ASSUME.jobsMemoryGb, 0);
  const lines = {
    lambda_requests: perM(invocations, p.lambdaRequestPerMillion),
    lambda_duration: gbSeconds * p.lambdaArmGbSecond,
    dynamodb_writes: perM(writes, p.dynamoWriteUnitPerMillion),
    dynamodb_reads: perM(reads, p.dynamoReadUnitPerMillion),
    eventbridge: perM(chains * u.run.events + jobInvocations, p.eventBridgeEventPerMillion),
    http_api: perM(chains, p.httpApiRequestPerMillion),
    email: perM(MONTH.weeklyEmails, p.snsPublishPerMillion) + (MONTH.weeklyEmails / 1e5) * p.snsEmailPer100k,
    logs: ((invocations * ASSUME.logKbPerInvocation) / 2 ** 20) * p.logsIngestionPerGb,
    kms: ((chains * ASSUME.kmsRequestsPerRun) / 1e4) * ASSUME.kmsPer10k,
  };
  return { usd: Object.values(lines).reduce((a, b) => a + b, 0), lines };
}

export function costMetrics(u: Usage): Metric[] {
  const { usd } = costPerRunnerMonth(u);
  const segments = (MONTH.runs + MONTH.nudges) * u.segmentsPerText;
  return [
    metric('cost_per_runner_month_usd_excl_sms', usd, `USD (prices ${PRICES.date})`, { op: '<=', limit: 0.01 }),
    metric('sms_segments_per_runner_month', segments, 'segments', null),
    metric('sms_usd_per_runner_month', segments * PRICES.smsSegmentUsd, 'USD (planning price)', null),
  ];
}
