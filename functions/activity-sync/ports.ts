/**
 * What activity-sync uses, and so all its bundle carries: the table, the tracker, the bus, email subscriptions (a confirmed deauthorization deletes the runner's topic) and the secrets.
 * (infra/wiring.ts grants the matching access; test/infra/bundle-contents.test.ts holds the bundle to it).
 */
import { base } from '../../shared/app/capabilities/base.js';
import { composition } from '../../shared/app/capabilities/compose.js';
import { emailSubscriptions } from '../../shared/app/capabilities/email-subscriptions.js';
import { eventPublisher } from '../../shared/app/capabilities/publisher.js';
import { appSecrets } from '../../shared/app/capabilities/secrets.js';
import { documentClient, tableStores } from '../../shared/app/capabilities/table.js';
import { tracker } from '../../shared/app/capabilities/tracker.js';

export const ports = composition(async (env) => {
  const b = base(env);
  const secrets = await appSecrets(b.config);
  const db = documentClient(b); // one client for the stores and the tokens
  return {
    ...b,
    ...tableStores(b, db),
    ...tracker(b, secrets, db),
    publisher: eventPublisher(b),
    emailSubscriptions: emailSubscriptions(b),
    secrets,
  };
});

export type Ports = Awaited<ReturnType<typeof ports>>;
