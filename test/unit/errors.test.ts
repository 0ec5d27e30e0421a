/**
 * Every layer's errors carry their own class name as `name` (what logs and alarms group by) and keep a
 * `cause` when given one, and each is an instance of its layer's base class, so a caller can tell
 * "the domain refused a value" from "an adapter's provider misbehaved" without string matching.
 */
import { describe, expect, it } from 'vitest';
import * as adapters from '../../shared/adapters/errors.js';
import * as domain from '../../shared/domain/errors.js';
import { InvalidValueError } from '../../shared/domain/errors.js';
import { inZone } from '../../shared/domain/time.js';
import * as http from '../../shared/http/errors.js';
import * as ports from '../../shared/ports/errors.js';
import * as signing from '../../shared/signing/errors.js';
import * as usecases from '../../shared/usecases/errors.js';

type ErrorClass = new (...args: never[]) => Error;
const layers: [string, Record<string, unknown>, ErrorClass][] = [
  ['domain', domain, domain.DomainError],
  ['ports', ports, ports.PortError],
  ['adapters', adapters, adapters.AdapterError],
  ['usecases', usecases, usecases.UseCaseError],
  ['signing', signing, signing.SigningError],
  ['http', http, http.HttpError],
];

describe('errors by layer', () => {
  for (const [layer, mod, base] of layers) {
    const classes = Object.entries(mod).filter(
      (e): e is [string, ErrorClass] => typeof e[1] === 'function' && e[1].prototype instanceof Error,
    );
    it(`${layer}: each error is named after its class, extends the layer's base and keeps its cause`, () => {
      expect(classes.length).toBeGreaterThan(0);
      for (const [name, Cls] of classes) {
        const cause = new Error('underneath');
        // Constructors differ (a status, a reason); build each the way its layer does.
        const args: Record<string, unknown[]> = {
          HttpError: [400, 'invalid_body', 'bad', undefined, { cause }],
          TrackerAuthError: ['no-tokens', 'gone', { cause }],
          TrackerApiError: [503, 'down', { cause }],
          DeauthorizationUnconfirmedError: ['runner-1'],
          DeliveryError: ['SNS Publish', cause],
        };
        const err = new (Cls as unknown as new (...a: unknown[]) => Error)(...(args[name] ?? ['message', { cause }]));
        expect(err.name).toBe(name);
        expect(err).toBeInstanceOf(base);
        if (!['DeauthorizationUnconfirmedError', 'DeliveryError'].includes(name)) expect(err.cause).toBe(cause);
      }
    });
  }

  it('a DeliveryError keeps the provider error name but not its words (they may hold a phone number)', () => {
    const provider = Object.assign(new Error('Invalid parameter: PhoneNumber +14155550123'), {
      name: 'InvalidParameterException',
    });
    const err = new adapters.DeliveryError('SNS Publish', provider);
    expect(err.message).toBe('SNS Publish failed: InvalidParameterException');
    expect(JSON.stringify({ ...err, message: err.message })).not.toContain('4155550123');
  });

  it('the domain throws its own error for a value outside its rules', () => {
    expect(() => inZone(new Date(0), 'Mars/Olympus_Mons')).toThrow(InvalidValueError);
  });
});
