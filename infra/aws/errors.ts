/** The stack refused its CDK context (a missing or malformed value): synth stops, naming it. */
export class StackContextError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}
