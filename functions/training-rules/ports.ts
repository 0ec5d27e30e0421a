/**
 * What training-rules uses, and so all its bundle carries: the table and texts (SNS).
 * (infra/wiring.ts grants the matching access; test/infra/bundle-contents.test.ts holds the bundle to it).
 */
import { base } from '../../shared/app/capabilities/base.js';
import { composition } from '../../shared/app/capabilities/compose.js';
import { tableStores } from '../../shared/app/capabilities/table.js';
import { textNotifier } from '../../shared/app/capabilities/text-notifier.js';

export const ports = composition(async (env) => {
  const b = base(env);
  return { ...b, ...tableStores(b), notifier: textNotifier(b) };
});

export type Ports = Awaited<ReturnType<typeof ports>>;
