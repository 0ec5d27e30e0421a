/**
 * Errors a TrackerClient throws, as part of its port: use cases tell "the runner's grant is gone"
 * from "the tracker did not answer properly" without knowing which tracker (or adapter) it was.
 */

export type TrackerAuthReason = 'no-tokens' | 'invalid-code' | 'invalid-refresh-token' | 'unauthorized';

/** The runner must connect again (or the code was bad): retrying will not help. */
export class TrackerAuthError extends Error {
  override readonly name = 'TrackerAuthError';
  constructor(
    readonly reason: TrackerAuthReason,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Any other unexpected answer from the tracker: `status` is the HTTP status, or 0 when there was no
 * answer at all (network error, timeout, another worker still holding the token-refresh lease).
 */
export class TrackerApiError extends Error {
  override readonly name: string = 'TrackerApiError';
  constructor(
    readonly status: number,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** No answer, a 5xx, or a 429 outside the rate-limit handling: worth trying again later. */
export function isTrackerUnavailable(err: unknown): err is TrackerApiError {
  return err instanceof TrackerApiError && (err.status === 0 || err.status === 429 || err.status >= 500);
}
