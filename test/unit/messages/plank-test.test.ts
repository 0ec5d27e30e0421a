import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { PLANK_TEST_KIND, renderPlankTestEmail, renderPlankTestSms } from '../../../shared/domain/messages/plank-test.js';
import { plankCircuit } from '../../../shared/domain/rules/plank-test.js';
import { expectOneSegment, expectUrlIntact, LONG_NAMES } from './sms-helpers.js';

const URL = 'https://runnudge.app/plank?t=abc123';

/** The circuit from training-rules.md, on the elbows: 150 s of holds. */
const STEPS = plankCircuit(true);

describe('renderPlankTestSms', () => {
  it('is the plank-test kind', () => {
    expect(PLANK_TEST_KIND).toBe('plank-test');
  });

  it('says it is a rest day, offers the test with about two and a half minutes of holds, links to the log', () => {
    const text = renderPlankTestSms({ firstName: 'Ana', advanced: true, logUrl: URL });
    expect(text).toBe(
      `Ana, rest day today: a good moment for the plank test (about two and a half minutes of holds). Moves and log: ${URL}`,
    );
    expect(text).not.toMatch(/three minutes|3-minute|3 minutes/);
  });

  it('offers shorter holds to less advanced runners', () => {
    const text = renderPlankTestSms({ firstName: 'Ana', advanced: false, logUrl: URL });
    expect(text).toContain('plank test (shorter holds)');
    expect(text).not.toContain('two and a half');
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
    expect(email.text).toContain('The circuit (about two and a half minutes of holds in all):');
    expect(email.html).toContain('8 holds, about two and a half minutes of holds in all');
    expect(`${email.text}${email.html}`).not.toMatch(/three minutes|3-minute|3 minutes/);
    STEPS.forEach((s, i) => expect(email.text).toContain(`  ${i + 1}. ${s.name}: ${s.seconds} s`));
    expect(email.text).toContain(`Log how far you got: ${URL}`);
  });

  it('lists all eight holds in the HTML and links the log', () => {
    expect(email.html.match(/<tr><td[^>]*>\d\.<\/td>/g)).toHaveLength(8);
    expect(email.html).toContain('Plank, right arm and left leg lifted');
    expect(email.html).toContain(`href="${URL}"`);
    expect(email.html).not.toMatch(/<script|<link|src=|url\(/i);
  });

  it('shows shortened holds as given', () => {
    const short = renderPlankTestEmail({ firstName: 'Ana', steps: plankCircuit(false), logUrl: URL });
    expect(short.text).toContain('1. Plank: 20 s');
    expect(short.text).toContain('2. Plank, left arm lifted: 5 s');
    expect(short.text).toContain('(1 min 10 s of holds in all)');
  });

  it('escapes the name and step names in the HTML', () => {
    const e = renderPlankTestEmail({ firstName: '<b>Ana</b>', steps: [{ name: 'x<y', seconds: 10 }], logUrl: URL });
    expect(e.html).toContain('Hi &lt;b&gt;Ana&lt;/b&gt;,');
    expect(e.html).toContain('x&lt;y');
    expect(e.html).not.toContain('<b>Ana');
  });
});
