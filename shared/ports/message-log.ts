/**
 * Ports for two-way messaging (issue 9): the per-runner message log and the runner's phone
 * verification and consent records. Separate from ports/index.ts so the other features' ports stay as they are.
 */
import type { ConsentRecord } from '../domain/phone/consent.js';
import type { PhoneVerification } from '../domain/phone/verification.js';
import type { SuppressReason } from '../domain/sending/decide-send.js';
import type { Channel } from '../domain/types.js';

export type MessageStatus = 'sent' | 'held' | 'suppressed';

/** One outcome of the sender, as `GET /api/me` shows it in `recentMessages`. No address, no text. */
export interface MessageLogEntry {
  kind: string;
  channel: Channel;
  status: MessageStatus;
  reason?: SuppressReason;
  /** ISO instant of the decision. */
  at: string;
}

export interface MessageLog {
  record(runnerId: string, entry: MessageLogEntry): Promise<void>;
  /** Newest first, at most `limit`, only entries younger than the log's retention. */
  recent(runnerId: string, now: Date, limit?: number): Promise<MessageLogEntry[]>;
}

export interface PhoneRecords {
  getVerification(runnerId: string): Promise<PhoneVerification | null>;
  putVerification(runnerId: string, state: PhoneVerification): Promise<void>;
  getConsent(runnerId: string): Promise<ConsentRecord | null>;
  putConsent(runnerId: string, record: ConsentRecord): Promise<void>;
  /** Who a verified number belongs to, for inbound texts (the caller checks it is still theirs). */
  linkPhone(runnerId: string, phone: string): Promise<void>;
  findRunnerIdByPhone(phone: string): Promise<string | null>;
}
