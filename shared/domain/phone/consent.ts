/**
 * The runner's agreement to receive texts (issue 9, part 3). Texts other than codes need a record of
 * it for the number in use: when, for which number, which wording they saw (its version), how it was
 * given and from what browser. Consent is for a number: after a change of number it must be given again.
 */

/** Bump when the disclosure beside the consent box changes in substance; stored with each record. */
export const DISCLOSURE_VERSION = '2026-12-01';

export type ConsentMethod = 'settings-page' | 'sms-start';

export interface ConsentRecord {
  /** ISO instant the box was ticked (or START was texted). */
  at: string;
  phone: string;
  disclosureVersion: string;
  method: ConsentMethod;
  /** The browser's User-Agent, cut to 256 characters; absent for consent by text. */
  userAgent?: string;
  /** Set when the runner unticked the box; the record is kept as evidence of what was agreed. */
  withdrawnAt?: string;
}

const USER_AGENT_MAX = 256;

export function giveConsent(phone: string, now: Date, method: ConsentMethod, userAgent?: string): ConsentRecord {
  return {
    at: now.toISOString(),
    phone,
    disclosureVersion: DISCLOSURE_VERSION,
    method,
    ...(userAgent ? { userAgent: userAgent.slice(0, USER_AGENT_MAX) } : {}),
  };
}

export function withdrawConsent(record: ConsentRecord, now: Date): ConsentRecord {
  return record.withdrawnAt ? record : { ...record, withdrawnAt: now.toISOString() };
}

/** True when the runner agreed to texts at `phone` and has not withdrawn it. */
export function hasConsent(record: ConsentRecord | null | undefined, phone: string | null): boolean {
  return !!record && phone !== null && record.phone === phone && !record.withdrawnAt;
}
