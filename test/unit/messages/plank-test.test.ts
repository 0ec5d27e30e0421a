import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  PLANK_TEST_KIND,
  renderPlankTestEmail,
  renderPlankTestSms,
} from '../../../shared/domain/messages/plank-test.js';
import { expectOneSegment, expectUrlIntact, LONG_NAMES } from './sms-helpers.js';

const URL = 'https://runnudge.app/plank?t=abc123';

/** The circuit from training-rules.md, on the elbows. */
const STEPS = [
  { name: 'Plank on your elbows', seconds: 30 },
  { name: 'Lift each arm in turn', seconds: 15 },
  { name: 'Lift each leg in turn', seconds: 15 },
  { name: 'Right arm and left leg together', seconds: 15 },
  { name: 'Left arm and right leg together', seconds: 15 },
  { name: 'Plank on your elbows', seconds: 30 },
];

describe('renderPlankTestSms', () => {
  it('is the plank-test kind', () => {
    expect(PLANK_TEST_KIND).toBe('plank-test');
  });

  it('says it is a rest day, offers the 3-minute test and links to the log', () => {
    expect(renderPlankTestSms({ firstName: 'Ana', advanced: true, logUrl: URL })).toBe(
      `Ana, rest day today: a good moment for the 3-minute plank test. See the moves and log how far you got: ${URL}`,
    );
  });

  it('offers shorter holds to less advanced runners', () => {
    const text = renderPlankTestSms({ firstName: 'Ana', advanced: false, logUrl: URL });
    expect(text).toContain('plank test (shorter holds)');
    expect(text).not.toContain('3-minute');
    expectUrlIntact(text, URL);
  });

  it('stays one segment for long, accented and emoji names', () => {
    for (const firstName of LONG_NAMES) {
      for (const advanced of [true, false]) {
        const text = renderPlankTestSms({ firstName, advanced, logUrl: URL });
        expectOneSegment(text);
        expectUrlIntact(text, URL);
        expect(text).toContain('plank test');
      }
    }
  });

  it('property: any name and link up to 120 chars give one segment with the link intact', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 300 }),
        fc.boolean(),
        fc.webUrl({ withQueryParameters: true }).filter((u) => u.length <= 120),
        (firstName, advanced, logUrl) => {
          const text = renderPlankTestSms({ firstName, advanced, logUrl });
          expectOneSegment(text);
          expectUrlIntact(text, logUrl);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('renderPlankTestEmail', () => {
  const email = renderPlankTestEmail({ firstName: 'Ana', steps: STEPS, logUrl: URL });

  it('has a subject, a greeting and the circuit in order, with holds and total time', () => {
    expect(email.subject).toBe('Rest day? Time for the plank test');
    expect(email.text).toMatch(/^Hi Ana,/);
    expect(email.text).toContain('The circuit (2 min in all):');
    STEPS.forEach((s, i) => expect(email.text).toContain(`  ${i + 1}. ${s.name}: ${s.seconds} s`));
    expect(email.text).toContain(`Log how far you got: ${URL}`);
  });

  it('lists all six steps in the HTML and links the log', () => {
    expect(email.html.match(/<tr><td[^>]*>\d\.<\/td>/g)).toHaveLength(6);
    expect(email.html).toContain('Right arm and left leg together');
    expect(email.html).toContain(`href="${URL}"`);
    expect(email.html).not.toMatch(/<script|<link|src=|url\(/i);
  });

  it('shows shortened holds as given', () => {
    const short = renderPlankTestEmail({
      firstName: 'Ana',
      steps: STEPS.map((s) => ({ ...s, seconds: s.seconds - 10 })),
      logUrl: URL,
    });
    expect(short.text).toContain('1. Plank on your elbows: 20 s');
    expect(short.text).toContain('(1 min in all)');
  });

  it('escapes the name and step names in the HTML', () => {
    const e = renderPlankTestEmail({ firstName: '<b>Ana</b>', steps: [{ name: 'x<y', seconds: 10 }], logUrl: URL });
    expect(e.html).toContain('Hi &lt;b&gt;Ana&lt;/b&gt;,');
    expect(e.html).toContain('x&lt;y');
    expect(e.html).not.toContain('<b>Ana');
  });
});
