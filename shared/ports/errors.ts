/**
 * Errors that are part of the ports' contracts: thrown by an adapter, handled by use cases without
 * knowing which adapter (or which tracker) it was. For example "the runner's grant is gone" versus
 * "the tracker did not answer properly".
 */

/** Base of the ports' errors: `name` is the class name, `cause` the adapter's own error where there is one. */
export class PortError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

export type TrackerAuthReason = 'no-tokens' | 'invalid-code' | 'invalid-refresh-token' | 'unauthorized';

/** The runner must connect again (or the code was bad): retrying will not help. */
export class TrackerAuthError extends PortError {
  constructor(
    readonly reason: TrackerAuthReason,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * Any other unexpected answer from the tracker: `status` is the HTTP status, or 0 when there was no
 * answer at all (network error, timeout, another worker still holding the token-refresh lease).
 */
export class TrackerApiError extends PortError {
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
