import { describe, it, expect } from 'vitest';
import { BACK_PAIN_KIND, renderBackPainReferralEmail } from '../../../shared/domain/messages/back-pain.js';

describe('renderBackPainReferralEmail', () => {
  const email = renderBackPainReferralEmail({ firstName: 'Ana', weeks: 3 });

  it('is the back-pain kind', () => {
    expect(BACK_PAIN_KIND).toBe('back-pain');
  });

  it('recommends a physical therapist or specialist, naming the weeks and the core work', () => {
    expect(email.subject).toContain('physical therapist');
    expect(email.text).toMatch(/^Hi Ana,/);
    expect(email.text).toContain('3 weeks in a row');
    expect(email.text).toContain('core work three times a week');
    expect(email.text).toMatch(/physical therapist or a sports medicine specialist/);
  });

  it('says plainly that it is not a diagnosis, and names no cause', () => {
    for (const part of [email.text, email.html]) {
      expect(part).toContain('this is not a diagnosis');
      expect(part.toLowerCase()).not.toMatch(/disc|hernia|sciatica|you have|caused by/);
    }
  });

  it('handles one week and broken counts', () => {
    expect(renderBackPainReferralEmail({ firstName: 'Ana', weeks: 1 }).text).toContain('this past week');
    expect(renderBackPainReferralEmail({ firstName: 'Ana', weeks: Number.NaN }).text).toContain('this past week');
  });

  it('escapes the name in the HTML and greets nameless runners kindly', () => {
    const e = renderBackPainReferralEmail({ firstName: '<script>x</script>', weeks: 3 });
    expect(e.html).not.toContain('<script>');
    expect(e.html).toContain('&lt;script&gt;');
    expect(renderBackPainReferralEmail({ firstName: '🔥', weeks: 3 }).text).toMatch(/^Hi there,/);
  });

  it('is self-contained HTML with inline styles only', () => {
    expect(email.html).toMatch(/^<!DOCTYPE html>/);
    expect(email.html).not.toMatch(/<style|<link|<img|src=|url\(/i);
  });
});
