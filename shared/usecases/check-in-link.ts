import type { Runner } from '../domain/types.js';
import type { Clock } from '../ports/index.js';
import { linkUrl, type LinkKind } from '../signing/links.js';

export interface CheckInLinkDeps {
  publicUrl: string;
  linkSecret: string;
  clock: Clock;
}

/** The signed one-tap link a message carries (core done, back-pain answer, plank result). */
export function checkInLink(deps: CheckInLinkDeps, kind: LinkKind, runner: Runner, date: string): string {
  return linkUrl(deps.publicUrl, deps.linkSecret, { kind, runnerId: runner.runnerId, date }, deps.clock.now());
}
