/**
 * What adapters throw of their own (the errors in a port's contract live in shared/ports/errors.ts).
 * `name` is the class name; `cause` keeps the provider's error where it may be logged.
 */
export class AdapterError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A caller passed a value the provider would refuse (a malformed Strava id, a page out of range). */
export class InvalidArgumentError extends AdapterError {}

/** A provider answered without what it documents (SNS with no MessageId, an activity with no start). */
export class ProviderResponseError extends AdapterError {}

/** An adapter built without a setting it needs (SES without a sender). */
export class AdapterConfigError extends AdapterError {}

/**
 * A provider's refusal, without the provider's words: SNS and SES messages can echo the phone number
 * or address they refused ("Invalid parameter: PhoneNumber …"), and errors end up in logs. Keeps the
 * error's name and HTTP status, which is what an operator needs to tell throttling from bad input.
 * The provider's error is deliberately not kept as `cause`, for the same reason.
 */
export class DeliveryError extends AdapterError {
  readonly providerError: string;
  readonly httpStatus: number | undefined;

  constructor(what: string, cause: unknown) {
    const providerError = cause instanceof Error ? cause.name : 'UnknownError';
    const httpStatus = (cause as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
    super(`${what} failed: ${providerError}${httpStatus ? ` (HTTP ${httpStatus})` : ''}`);
    this.providerError = providerError;
    this.httpStatus = httpStatus;
  }
}

/** Stored data that cannot be read back: a ciphertext in an unknown format, or one that fails to decrypt. */
export class CorruptDataError extends AdapterError {}

/** A conditional write kept losing to concurrent writers, or an item it relied on vanished: retry later. */
export class StoreConflictError extends AdapterError {}

/** An update named an item that does not exist (a runner deleted meanwhile). */
export class ItemNotFoundError extends AdapterError {}
