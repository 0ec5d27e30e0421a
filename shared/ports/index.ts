/**
 * Ports: what the use cases need from the outside world, by concern. Adapters in shared/adapters
 * implement them (DynamoDB, Strava, SNS, outbox, KMS/AES, EventBridge/in-process bus); tests may use
 * the same adapters against dynalite and a fake Strava server.
 */
export type { BusEvent } from './events.js';
export { isTrackerUnavailable, TrackerApiError, TrackerAuthError, type TrackerAuthReason } from './errors.js';
export * from './message-log.js';
export * from './messaging.js';
export * from './stores.js';
export * from './system.js';
export * from './tracker.js';
