/**
 * The referral email: the runner has reported low back pain for several weeks in a row while keeping up
 * core work three times a week. We recommend a physical therapist or a specialist. We never say what
 * the pain is or why: this is not a diagnosis, and the email says so.
 */
import type { MessageKind } from '../types.js';
import { count } from './format.js';
import { cleanEmailName, emailDocument, escapeHtml, footerRow, greeting, headerRow, p, row, type RenderedEmail } from './html.js';

export const BACK_PAIN_KIND = 'back-pain' satisfies MessageKind;

export interface BackPainReferralInput {
  firstName: string;
  /** Consecutive weeks the runner reported back pain. */
  weeks: number;
}

export function renderBackPainReferralEmail({ firstName, weeks }: BackPainReferralInput): RenderedEmail {
  const name = cleanEmailName(firstName);
  const n = Math.max(1, count(weeks));
  const span = n === 1 ? 'this past week' : `${n} weeks in a row`;

  const subject = 'About your back: worth a visit to a physical therapist';
  const paragraphs = [
    `You've told us your lower back has been hurting ${span}, and you've kept up your core work three times a week all the same. That takes commitment, and it's exactly what we'd have asked of you.`,
    "When back pain hangs on despite core strengthening and rest, the next good step is to have it looked at. We'd suggest booking a physical therapist or a sports medicine specialist: they can examine you, work out what's behind it and give you a plan that fits your running.",
    "To be clear, this is not a diagnosis. We can't tell what's causing your pain; all we know is that it has lasted. Seeing someone is a sensible precaution, not a sign that something is badly wrong.",
    'If the pain is severe or getting worse, or comes with numbness, tingling or weakness in a leg, please see a doctor soon rather than waiting.',
    "Please keep answering the weekly check-in, so we know how you're doing.",
  ];

  const text = [greeting(name), '', ...paragraphs.flatMap((x) => [x, '']), 'Take care,', 'runnudge', ''].join('\n');

  const html = emailDocument(subject, 'Back pain that lasts is worth having looked at.', [
    headerRow('About your back', ''),
    row(p(escapeHtml(greeting(name))) + paragraphs.map((x) => p(escapeHtml(x))).join('') + p('Take care,<br>runnudge')),
    footerRow(
      escapeHtml(
        "runnudge sends reminders based on a physical therapist's general advice for runners. It cannot examine you and does not give medical advice.",
      ),
    ),
  ]);
  return { subject, text, html };
}
