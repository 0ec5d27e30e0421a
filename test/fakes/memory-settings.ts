/**
 * In-memory ports for saving settings: a runner store that saves settings, and email subscriptions
 * that can be told to fail. Both write to one shared call log, so a test can tell what happened
 * before the save.
 */
import type { Runner, RunnerSettings } from '../../shared/domain/types.js';
import type { EmailSubscriptions, EmailSubscriptionStatus } from '../../shared/ports/index.js';
import { MemoryRunners } from './memory-runners.js';

export class SettingsRunners extends MemoryRunners {
  log: string[] = [];
  async updateSettings(runnerId: string, settings: RunnerSettings): Promise<Runner> {
    const r = this.byId.get(runnerId);
    if (!r) throw new Error(`no runner ${runnerId}`);
    r.settings = structuredClone(settings);
    this.log.push('save settings');
    return structuredClone(r);
  }
}

export class MemoryEmailSubscriptions implements EmailSubscriptions {
  /** runnerId → subscribed address. */
  readonly subscribed = new Map<string, string>();
  status: EmailSubscriptionStatus = 'pending-confirmation';
  /** When set, every call throws it (as SNS would). */
  failWith: Error | null = null;
  constructor(readonly log: string[] = []) {}

  async ensure(runnerId: string, email: string): Promise<{ topicArn: string; status: EmailSubscriptionStatus }> {
    this.log.push('subscribe email');
    if (this.failWith) throw this.failWith;
    this.subscribed.set(runnerId, email);
    return { topicArn: `arn:aws:sns:us-east-1:123456789012:runnudge-runner-${runnerId}`, status: this.status };
  }
  async remove(runnerId: string): Promise<void> {
    this.log.push('remove email');
    if (this.failWith) throw this.failWith;
    this.subscribed.delete(runnerId);
  }
}
