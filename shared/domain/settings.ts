/**
 * Validation of a runner's settings PATCH. Every bad field is reported by its path ("phone",
 * "quietHours.start") so the settings page can point at it; unknown keys are refused, not ignored,
 * so a typo ("quietHour") does not look saved.
 */
import * as z from 'zod';
// The "max" metadata checks number patterns, not only lengths: with the default "min" metadata
// "+491234" counts as a valid German number, and we would text into the void.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { isValidTimeZone, parseLocalTime } from './time.js';
import type { RunnerSettings } from './types.js';

/** International form only ("+" and country code): a bare "4155550123" is ambiguous across countries. */
const phoneField = z
  .string({ error: 'must be a phone number as text, or null to remove it' })
  .transform((raw, ctx) => {
    const value = raw.trim();
    if (value === '') return null; // a cleared form field removes the number
    // Only phone punctuation: libphonenumber would otherwise pick a number out of "call +1 415... now".
    if (!/^\+[0-9 ().-]{4,30}$/.test(value)) {
      ctx.addIssue({ code: 'custom', message: 'must start with + and the country code, e.g. +14155550123' });
      return z.NEVER;
    }
    const parsed = parsePhoneNumberFromString(value);
    if (!parsed || !parsed.isValid()) {
      ctx.addIssue({ code: 'custom', message: 'is not a valid phone number' });
      return z.NEVER;
    }
    return parsed.number; // E.164, e.g. "+14155550123"
  })
  .nullable();

const emailField = z
  .string({ error: 'must be an email address as text, or null to remove it' })
  .trim()
  .transform((value, ctx) => {
    if (value === '') return null;
    if (value.length > 254 || !z.email().safeParse(value).success) {
      ctx.addIssue({ code: 'custom', message: 'is not a valid email address' });
      return z.NEVER;
    }
    return value;
  })
  .nullable();

const timeZoneField = z
  .string({ error: 'must be an IANA time zone name such as "Europe/Berlin"' })
  .refine(isValidTimeZone, { message: 'must be an IANA time zone name such as "Europe/Berlin"' });

/** "is required" for a missing key inside an object that is present (quietHours without end). */
const orRequired = (message: string) => (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : message);

const localTimeField = z
  .string({ error: orRequired('must be a time "HH:mm" between 00:00 and 23:59') })
  .refine((v) => parseLocalTime(v) !== null, { message: 'must be a time "HH:mm" between 00:00 and 23:59' });

export const settingsPatchSchema = z.strictObject(
  {
    phone: phoneField.optional(),
    email: emailField.optional(),
    timeZone: timeZoneField.optional(),
    quietHours: z.strictObject({ start: localTimeField, end: localTimeField }, { error: 'must be { start, end }' }).optional(),
    dailyStretch: z.boolean({ error: 'must be true or false' }).optional(),
    units: z.enum(['meters', 'feet'], { error: 'must be "meters" (km) or "feet" (miles)' }).optional(),
    channels: z
      .strictObject(
        {
          sms: z.boolean({ error: orRequired('must be true or false') }),
          email: z.boolean({ error: orRequired('must be true or false') }),
        },
        { error: 'must be { sms, email }' },
      )
      .optional(),
  },
  { error: 'settings must be a JSON object' },
);

export type SettingsPatch = z.output<typeof settingsPatchSchema>;

export interface FieldError {
  field: string;
  message: string;
}

export type SettingsPatchResult = { ok: true; patch: SettingsPatch } | { ok: false; errors: FieldError[] };

export function validateSettingsPatch(input: unknown): SettingsPatchResult {
  const result = settingsPatchSchema.safeParse(input);
  if (result.success) return { ok: true, patch: result.data };
  const errors: FieldError[] = [];
  for (const issue of result.error.issues) {
    const parent = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      // One issue lists all unknown keys; name each so the page can flag it.
      for (const key of issue.keys) errors.push({ field: [...parent, key].join('.'), message: 'is not a setting' });
    } else {
      errors.push({ field: parent.length ? parent.join('.') : '(root)', message: issue.message });
    }
  }
  return { ok: false, errors };
}

/**
 * The settings after a validated patch; absent keys keep their value, null clears phone/email. A
 * patch naming a zone is the runner's choice: the tracker's zone is no longer adopted.
 */
export function applySettingsPatch(current: RunnerSettings, patch: SettingsPatch): RunnerSettings {
  const setByRunner = patch.timeZone !== undefined || current.timeZoneSetByRunner === true;
  return {
    phone: patch.phone !== undefined ? patch.phone : current.phone,
    email: patch.email !== undefined ? patch.email : current.email,
    timeZone: patch.timeZone ?? current.timeZone,
    ...(setByRunner ? { timeZoneSetByRunner: true } : {}),
    quietHours: { ...(patch.quietHours ?? current.quietHours) },
    channels: { ...(patch.channels ?? current.channels) },
    ...((patch.units ?? current.units) ? { units: patch.units ?? current.units } : {}),
    ...((patch.dailyStretch ?? current.dailyStretch) !== undefined
      ? { dailyStretch: patch.dailyStretch ?? current.dailyStretch }
      : {}),
  };
}
