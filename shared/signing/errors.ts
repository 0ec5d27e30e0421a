/** What signing throws: a payload that cannot be signed (a token is never signed over a bad value). */
export class SigningError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}
