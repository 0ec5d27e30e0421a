/**
 * The HTTP edge's error: thrown by request parsing or a handler, mapped by the middleware to the
 * contract's JSON error (`{"error": {"code", "message"}}`) with its status. Never a 5xx for bad input.
 */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly fields?: { field: string; message: string }[],
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}
