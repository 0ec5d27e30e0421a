/**
 * What runner-jobs uses, and so all its bundle carries: the table, texts and email, and the secrets (link signing).
 * (infra/wiring.ts grants the matching access; test/infra/bundle-contents.test.ts holds the bundle to it).
 */
import { base } from '../../shared/app/capabilities/base.js';
import { composition } from '../../shared/app/capabilities/compose.js';
import { notifier } from '../../shared/app/capabilities/notifier.js';
import { appSecrets } from '../../shared/app/capabilities/secrets.js';
import { tableStores } from '../../shared/app/capabilities/table.js';

export const ports = composition(async (env) => {
  const b = base(env);
  return { ...b, ...tableStores(b), notifier: notifier(b), secrets: await appSecrets(b.config) };
});

export type Ports = Awaited<ReturnType<typeof ports>>;
