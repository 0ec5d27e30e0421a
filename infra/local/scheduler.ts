import type { Clock } from '../../shared/ports/index.js';
import { scheduledJobs } from '../wiring.js';

/**
 * Runs each scheduled job from the routing table when the runtime's clock says it is due, at the
 * job's rate. It reads the same clock as the handlers, so `POST /dev/clock` moves schedules too.
 */
export class LocalScheduler {
  private readonly nextRun = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private busy = false;

  constructor(
    private readonly clock: Clock,
    private readonly runJob: (job: string) => Promise<unknown>,
    private readonly log: (line: string) => void,
    private readonly tickMs = 1000,
  ) {}

  start(): void {
    const now = this.clock.now().getTime();
    for (const { job, rateMinutes } of scheduledJobs()) this.nextRun.set(job, now + rateMinutes * 60_000);
    this.timer = setInterval(() => void this.tick(), this.tickMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async tick(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const now = this.clock.now().getTime();
      for (const { job, rateMinutes } of scheduledJobs()) {
        const next = this.nextRun.get(job) ?? 0;
        // The clock may have been moved back (`/dev/clock`): never wait longer than one period.
        if (next - now > rateMinutes * 60_000) this.nextRun.set(job, now + rateMinutes * 60_000);
        if (now < Math.min(next, now + rateMinutes * 60_000)) continue;
        this.nextRun.set(job, now + rateMinutes * 60_000);
        try {
          await this.runJob(job);
        } catch (err) {
          this.log(`scheduler: ${job} failed: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
    } finally {
      this.busy = false;
    }
  }
}
