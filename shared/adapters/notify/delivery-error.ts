import { DeliveryError } from '../errors.js';

/** Runs a provider call, replacing any error by a DeliveryError that names no recipient. */
export async function withoutRecipient<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw new DeliveryError(what, err);
  }
}
