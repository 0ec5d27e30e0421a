/**
 * What use cases throw: a step that cannot finish now and must be tried again (the bus or the
 * scheduler redelivers). `name` is the class name; `cause` the error underneath where there is one.
 */
export class UseCaseError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Another connect of the same athlete kept winning the race to store their tokens. */
export class TokenStoreContendedError extends UseCaseError {}

/** Some runners of a job batch failed; thrown so the bus retries the batch (the ledger keeps the others from a second message). */
export class BatchFailedError extends UseCaseError {}

/**
 * Another worker holds an unexpired claim on the key. It may be sending right now or it may have
 * crashed: the caller fails so its delivery is retried (by then the claim is sent, or expired and free).
 */
export class SendInFlightError extends UseCaseError {
  constructor(readonly ledgerKey: string) {
    super(`send ${ledgerKey} is claimed by another worker`);
  }
}
