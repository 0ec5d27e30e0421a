/**
 * `npm start`: the local runtime on one machine. Settings come from the environment (see README);
 * with no STRAVA_CLIENT_ID the built-in Strava sandbox stands in for Strava.
 */
import { startLocalRuntime } from './runtime.js';

const runtime = await startLocalRuntime();
const base = process.env['PUBLIC_URL'] ?? `http://localhost:${runtime.port}`;
console.log(`runnudge local runtime on ${base}`);
console.log(`  settings page:   ${base}/settings`);
if (runtime.sandbox) console.log(`  Strava sandbox:  ${base}/sandbox  (no STRAVA_CLIENT_ID set)`);
console.log(`  sent messages:   ${base}/dev/outbox`);
console.log(`  data:            ${process.env['DATA_DIR'] ?? '.data'}`);

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping (pending events are kept and replayed on the next start)`);
    void runtime.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  });
}
