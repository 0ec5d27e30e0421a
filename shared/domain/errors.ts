/**
 * What the domain throws. Inputs are validated at the edge, so these mean a caller upstream passed
 * something the rules do not accept: a bug to fix, not a condition to handle. Each carries its class
 * name as `name` (what logs and tests see) and an optional `cause`.
 */
export class DomainError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A value outside what a domain function accepts: an unknown time zone, a non-date, a week not starting on Monday. */
export class InvalidValueError extends DomainError {}

/** A message that does not fit one GSM-7 SMS segment even in its shortest form. */
export class MessageTooLongError extends DomainError {}
