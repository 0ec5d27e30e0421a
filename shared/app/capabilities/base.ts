import { runtimeClock } from '../../adapters/clock.js';
import { parseConfig, type Config } from '../../config.js';
import type { Clock } from '../../ports/index.js';
import type { Env } from './compose.js';

/** What every function has: its validated configuration and the clock. */
export interface Base {
  config: Config;
  clock: Clock;
}

export function base(env: Env): Base {
  return { config: parseConfig(env), clock: runtimeClock };
}
