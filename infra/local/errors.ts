/** The local runtime or its Strava sandbox refused a setting or a request it cannot serve. */
export class LocalRuntimeError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}
