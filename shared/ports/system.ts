/**
 * Ports to the machinery around the use cases: the clock, encryption at rest, the event bus,
 * single-use marks.
 */
import type { BusEvent } from './events.js';

export interface Clock {
  now(): Date;
}

/** Symmetric encryption for data at rest (tokens). KMS on AWS, AES-256-GCM locally. */
export interface Cipher {
  /** `context` is bound to the ciphertext (KMS encryption context / GCM additional data). */
  encrypt(plaintext: string, context: Record<string, string>): Promise<string>;
  decrypt(ciphertext: string, context: Record<string, string>): Promise<string>;
}

export interface EventPublisher {
  /** Durably hands the events to the bus; resolves only when every entry was accepted. */
  publish(events: BusEvent[]): Promise<void>;
}

/**
 * Single-use marks for values that must work once: an OAuth `state` (a replayed callback URL is
 * refused). `use` is true the first time a key is used within `ttlSeconds`, false ever after.
 */
export interface OneTimeUse {
  use(key: string, now: Date, ttlSeconds: number): Promise<boolean>;
}
