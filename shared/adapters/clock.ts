import type { Clock } from '../ports/index.js';

/**
 * The process clock. On AWS it is the system time; the local runtime can freeze it (`POST /dev/clock`)
 * so every rule, schedule and quiet-hour decision of the in-process handlers reads the same instant.
 */
let frozenAt: Date | null = null;

export const runtimeClock: Clock = {
  now: () => (frozenAt ? new Date(frozenAt.getTime()) : new Date()),
};

/** Freezes the clock at `instant`, or returns to real time with null. Local runtime and tests only. */
export function freezeClock(instant: Date | null): void {
  frozenAt = instant ? new Date(instant.getTime()) : null;
}
