import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseWebhookEvent } from '../../../shared/adapters/strava/schemas.js';
import { stravaFixture } from './fixtures.js';

const FIXTURES = [
  'webhook-create.json',
  'webhook-update-title.json',
  'webhook-update-type.json',
  'webhook-delete.json',
  'webhook-deauth.json',
];

function issuesOf(raw: unknown): string[] {
  const result = parseWebhookEvent(raw);
  if (result.ok) throw new Error('expected the body to be rejected');
  return result.issues;
}

describe('parseWebhookEvent', () => {
  it.each(FIXTURES)('accepts the %s fixture unchanged', (name) => {
    const body = stravaFixture(name);
    expect(parseWebhookEvent(body)).toEqual({ ok: true, event: body });
  });

  it("accepts Strava's documented examples", () => {
    const official = {
      aspect_type: 'update',
      event_time: 1516126040,
      object_id: 1360128428,
      object_type: 'activity',
      owner_id: 134815,
      subscription_id: 120475,
      updates: { title: 'Messy' },
    };
    expect(parseWebhookEvent(official).ok).toBe(true);
    expect(parseWebhookEvent({ ...official, updates: { private: 'true', type: 'Run' } }).ok).toBe(true);
  });

  it('accepts activity ids beyond 2^31 up to the largest safe integer', () => {
    const body = stravaFixture('webhook-create.json');
    for (const id of [2 ** 31 + 1, 17_123_456_789, Number.MAX_SAFE_INTEGER]) {
      const result = parseWebhookEvent({ ...body, object_id: id });
      expect(result.ok && result.event.object_id).toBe(id);
    }
  });

  it('strips unknown top-level keys (Strava may add fields) without reading them', () => {
    const body = { ...stravaFixture('webhook-create.json'), new_field: { deep: [1, 2, 3] }, another: 'x' };
    const result = parseWebhookEvent(body);
    expect(result.ok).toBe(true);
    if (result.ok) expect(Object.keys(result.event).sort()).toEqual(Object.keys(stravaFixture('webhook-create.json')).sort());
  });

  it('ignores a deeply nested unknown key instead of walking it', () => {
    let nested: unknown = {};
    for (let i = 0; i < 5_000; i++) nested = { n: nested };
    expect(parseWebhookEvent({ ...stravaFixture('webhook-create.json'), junk: nested }).ok).toBe(true);
  });

  it.each([
    ['null', null],
    ['an array', [stravaFixture('webhook-create.json')]],
    ['a string', '{"aspect_type":"create"}'],
    ['a number', 42],
    ['undefined', undefined],
  ])('rejects %s as the body', (_label, raw) => {
    expect(issuesOf(raw)).toEqual(['body: expected a JSON object']);
  });

  it.each(['object_type', 'object_id', 'aspect_type', 'updates', 'owner_id', 'subscription_id', 'event_time'])(
    'rejects a body missing %s and names the field',
    (key) => {
      const body = stravaFixture('webhook-create.json');
      delete body[key];
      expect(issuesOf(body).some((issue) => issue.startsWith(`${key}:`))).toBe(true);
    },
  );

  it.each<[string, unknown]>([
    ['object_id', '13012345678'],
    ['object_id', -5],
    ['object_id', 0],
    ['object_id', 1.5],
    ['object_id', 2 ** 53],
    ['object_id', 1e308],
    ['object_id', null],
    ['owner_id', '134815'],
    ['owner_id', -1],
    ['subscription_id', true],
    ['event_time', '1772294010'],
    ['event_time', -1],
    ['object_type', 'route'],
    ['object_type', 'Activity'],
    ['aspect_type', 'destroy'],
    ['updates', null],
    ['updates', []],
    ['updates', 'title=Messy'],
    ['updates', { private: true }],
    ['updates', { title: { nested: 'x' } }],
    ['updates', { authorized: false }],
  ])('rejects %s = %j', (key, value) => {
    const body = { ...stravaFixture('webhook-update-title.json'), [key]: value };
    expect(issuesOf(body).some((issue) => issue.startsWith(`${key}`))).toBe(true);
  });

  it('rejects prototype-pollution keys in updates and never pollutes Object.prototype', () => {
    const base = JSON.stringify(stravaFixture('webhook-update-title.json')).slice(0, -1);
    for (const hostile of [
      `${base},"updates":{"__proto__":"x"}}`,
      `${base},"updates":{"constructor":"x"}}`,
      `${base},"updates":{"__proto__":{"polluted":"yes"}}}`,
    ]) {
      expect(parseWebhookEvent(JSON.parse(hostile)).ok).toBe(false);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('does not copy a top-level "__proto__" key into the event', () => {
    const raw = JSON.parse(
      JSON.stringify(stravaFixture('webhook-create.json')).replace(/^\{/, '{"__proto__":{"admin":true},'),
    ) as unknown;
    const result = parseWebhookEvent(raw);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(Object.getPrototypeOf(result.event)).toBe(Object.prototype);
      expect((result.event as unknown as Record<string, unknown>).admin).toBeUndefined();
    }
  });

  it('rejects oversized updates', () => {
    const body = stravaFixture('webhook-update-title.json');
    expect(parseWebhookEvent({ ...body, updates: { title: 'x'.repeat(5000) } }).ok).toBe(false);
    const many = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, 'v']));
    expect(parseWebhookEvent({ ...body, updates: many }).ok).toBe(false);
  });

  it('never throws, whatever JSON arrives', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = parseWebhookEvent(value);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });

  it('accepts every well-typed event (property)', () => {
    const id = fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER });
    const event = fc.record({
      object_type: fc.constantFrom('activity', 'athlete'),
      object_id: id,
      aspect_type: fc.constantFrom('create', 'update', 'delete'),
      updates: fc.dictionary(fc.constantFrom('title', 'type', 'private', 'authorized'), fc.string({ maxLength: 100 })),
      owner_id: id,
      subscription_id: id,
      event_time: fc.integer({ min: 0, max: 4_102_444_800 }),
    });
    fc.assert(
      fc.property(event, (e) => {
        expect(parseWebhookEvent(e)).toEqual({ ok: true, event: e });
      }),
    );
  });
});
