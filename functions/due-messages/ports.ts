/**
 * What due-messages uses, and so all its bundle carries: the table, texts (SNS) and the bus (deferred re-fetches).
 * (infra/wiring.ts grants the matching access; test/infra/bundle-contents.test.ts holds the bundle to it).
 */
import { base } from '../../shared/app/capabilities/base.js';
import { composition } from '../../shared/app/capabilities/compose.js';
import { eventPublisher } from '../../shared/app/capabilities/publisher.js';
import { tableStores } from '../../shared/app/capabilities/table.js';
import { textNotifier } from '../../shared/app/capabilities/text-notifier.js';

export const ports = composition(async (env) => {
  const b = base(env);
  return { ...b, ...tableStores(b), notifier: textNotifier(b), publisher: eventPublisher(b) };
});

export type Ports = Awaited<ReturnType<typeof ports>>;
