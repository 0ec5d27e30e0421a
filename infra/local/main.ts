/**
 * `npm start`: the local runtime on one machine. Settings come from the environment (see README);
 * with no STRAVA_CLIENT_ID the built-in Strava sandbox stands in for Strava.
 */
import { ENV } from '../../shared/config.js';
import { LOCAL_ENV, startLocalRuntime } from './runtime.js';

const runtime = await startLocalRuntime();
const base = process.env[ENV.PUBLIC_URL] ?? `http://localhost:${runtime.port}`;
console.log(`runnudge local runtime on ${base}`);
console.log(`  settings page:   ${base}/settings`);
if (runtime.sandbox) console.log(`  Strava sandbox:  ${base}/sandbox  (no STRAVA_CLIENT_ID set)`);
console.log(`  sent messages:   ${base}/dev/outbox`);
console.log(`  data:            ${process.env[LOCAL_ENV.DATA_DIR] ?? '.data'}`);

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
