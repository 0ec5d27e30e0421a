import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { fitsOneSegment, gsm7Units, isGsm7, toGsm7 } from '../../../shared/domain/gsm7.js';

describe('GSM-7 detection and counting', () => {
  it('counts basic characters once, including GSM accents and symbols', () => {
    expect(gsm7Units('Hello')).toBe(5);
    expect(gsm7Units('Ça va? ¿Qué tal? Müller & Søren @ £5')).toBe(36);
    expect(isGsm7('ÄÖÑÜäöñüàèéùìò ΔΦΓΛΩΠΨΣΘΞ\n')).toBe(true);
  });

  it('counts extension characters { } [ ] ~ \\ | ^ € twice', () => {
    expect(gsm7Units('{')).toBe(2);
    expect(gsm7Units('€5')).toBe(3);
    expect(gsm7Units('{}[]~\\|^€')).toBe(18);
  });

  it('reports characters outside GSM-7 (ç, ë, curly quote, emoji) as not countable', () => {
    for (const t of ['ç', 'Zoë', 'it’s', 'run 🏃', 'Ł']) {
      expect(isGsm7(t), t).toBe(false);
      expect(gsm7Units(t), t).toBeNull();
    }
  });
});

describe('fitsOneSegment', () => {
  it('allows 160 GSM-7 units and not one more', () => {
    expect(fitsOneSegment('a'.repeat(160))).toBe(true);
    expect(fitsOneSegment('a'.repeat(161))).toBe(false);
    expect(fitsOneSegment('{'.repeat(80))).toBe(true); // 80 chars, 160 units
    expect(fitsOneSegment('{'.repeat(80) + 'a')).toBe(false); // 81 chars, 161 units
  });

  it('drops to 70 characters as soon as one character is not GSM-7', () => {
    expect(fitsOneSegment('ë'.repeat(70))).toBe(true);
    expect(fitsOneSegment('a'.repeat(70) + 'ë')).toBe(false);
    expect(fitsOneSegment('😀'.repeat(35))).toBe(true); // each emoji takes two UTF-16 units
    expect(fitsOneSegment('😀'.repeat(36))).toBe(false);
  });
});

describe('toGsm7', () => {
  it('keeps a hyphenated, accented, apostrophed name readable', () => {
    expect(toGsm7("Zoë Łukasiewicz-Ó'Brien")).toBe("Zoe Lukasiewicz-O'Brien");
    expect(toGsm7('Zoë Łukasiewicz–Ó’Brien')).toBe("Zoe Lukasiewicz-O'Brien"); // en dash, curly apostrophe
  });

  it('keeps letters GSM-7 has and strips accents it lacks', () => {
    expect(toGsm7('José Ñúñez')).toBe('José Ñuñez'); // ñ is GSM-7, ú is not
    expect(toGsm7('François Dvořák')).toBe('Francois Dvorak');
    expect(toGsm7('Åsa Øberg')).toBe('Åsa Øberg');
    expect(toGsm7('Jose\u0301')).toBe('José'); // combining accent composes to the GSM é
  });

  it('swaps punctuation look-alikes and drops what has none', () => {
    expect(toGsm7('“5×60 s” — now…')).toBe('"5x60 s" - now...');
    expect(toGsm7('Ana 🏃‍♀️🔥')).toBe('Ana ');
    expect(toGsm7('李娜')).toBe('');
  });

  it('property: output is always GSM-7, and GSM-7 input comes back unchanged', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => isGsm7(toGsm7(s))),
      {
        numRuns: 500,
      },
    );
    const gsmChar = fc.constantFrom(...'@£$¥èéùìòÇØøÅåΔ_ΦΓÆæßÉ !"#¤%&\'()*-09:?¡AZÄÖÑÜ§¿azäöñüà{}[]~\\|^€\n');
    fc.assert(fc.property(fc.string({ unit: gsmChar }), (s) => toGsm7(s) === s));
  });
});
