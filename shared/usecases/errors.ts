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

/** Strava could not say whether access was revoked; thrown so that the bus delivers the event again. */
export class DeauthorizationUnconfirmedError extends UseCaseError {
  constructor(readonly runnerId: string) {
    super(`could not confirm the deauthorization of runner ${runnerId} with Strava; try again later`);
  }
}

/** Another connect of the same athlete kept winning the race to store their tokens. */
export class TokenStoreContendedError extends UseCaseError {}

/** Some runners of a job batch failed; thrown so the bus retries the batch (the ledger keeps the others from a second message). */
export class BatchFailedError extends UseCaseError {}
