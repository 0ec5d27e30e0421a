/**
 * A provider's refusal, without the provider's words: SNS and SES messages can echo the phone number
 * or address they refused ("Invalid parameter: PhoneNumber …"), and errors end up in logs. Keeps the
 * error's name and HTTP status, which is what an operator needs to tell throttling from bad input.
 */
export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
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

/** Runs a provider call, replacing any error by a DeliveryError that names no recipient. */
export async function withoutRecipient<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw new DeliveryError(what, err);
  }
}
