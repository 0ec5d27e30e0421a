/**
 * Ports to the channels messages leave by: texts and email (Notifier), and the runners' email
 * subscriptions (SNS topics on AWS).
 */
import type { OutgoingMessage } from '../domain/types.js';

export interface SendOptions {
  /**
   * The same key for every retry of one message. A provider that takes an idempotency key (the local
   * outbox) sends it once however often it is retried; SNS Publish and SES SendEmail take none, so on
   * AWS the ledger's two phases are the guard (shared/usecases/send-or-hold.ts).
   */
  idempotencyKey?: string;
}

export interface Notifier {
  /** Delivers one message; throws when the channel refused it (the caller may retry). */
  send(message: OutgoingMessage, options?: SendOptions): Promise<{ messageId: string }>;
}

export type EmailSubscriptionStatus = 'pending-confirmation' | 'confirmed';

/**
 * Where a runner's email goes when it is sent through SNS: their own topic
 * (`runnudge-runner-<runnerId>`) with their address subscribed. SNS sends the address a confirmation
 * link, and nothing is delivered until the runner follows it (the settings page says so). Locally
 * the outbox needs no confirmation.
 */
export interface EmailSubscriptions {
  /**
   * Creates the runner's topic if needed and subscribes `email` unless it already is; any other
   * address on the topic is removed, so changing the address moves the subscription. Idempotent.
   */
  ensure(runnerId: string, email: string): Promise<{ topicArn: string; status: EmailSubscriptionStatus }>;
  /** Deletes the runner's topic and every subscription on it (account deleted, email cleared). Idempotent. */
  remove(runnerId: string): Promise<void>;
}
