import type { EmailSubscriptions, EventPublisher, Notifier } from '../../ports/index.js';
import { ConfigError } from '../../config.js';

/**
 * Where the local runtime (infra/local) puts its stand-ins for the AWS-only adapters: the in-process
 * bus (BUS=local), the outbox and subscriptions that need no confirmation (NOTIFY=outbox). Only the
 * interfaces live here, so no stand-in's code can reach a Lambda bundle; the runtime provides them
 * before it loads the handlers.
 */
export interface StandIns {
  publisher?: EventPublisher;
  notifier?: Notifier;
  emailSubscriptions?: EmailSubscriptions;
}

let provided: StandIns = {};

export function provideStandIns(next: StandIns): void {
  provided = { ...next };
}

/** The stand-in the configuration asks for; fails clearly when nothing provided it (no local runtime). */
export function standIn<K extends keyof StandIns>(key: K, setting: string): NonNullable<StandIns[K]> {
  const found = provided[key];
  if (!found) throw new ConfigError(`${setting} needs the local runtime (infra/local) to provide the ${key}`);
  return found as NonNullable<StandIns[K]>;
}
