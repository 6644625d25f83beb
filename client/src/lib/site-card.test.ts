import { describe, expect, it } from 'vitest';
import { formatSigned, siteCardBody } from './site-card';

describe('site card request and wording', () => {
  it('sends the form as the contract names it, without a year when none is chosen', () => {
    expect(
      siteCardBody(
        { lon: 2.123456789, lat: 47.1 },
        { kind: 'mam', childminders: 6, placesPerAgreement: 3 },
        null,
      ),
    ).toEqual({
      lon: 2.123457,
      lat: 47.1,
      project: { kind: 'mam', childminders: 6, places_per_agreement: 3 },
    });
    expect(siteCardBody({ lon: 2, lat: 47 }, { kind: 'micro_creche', places: 10 }, 2024)).toEqual({
      lon: 2,
      lat: 47,
      year: 2024,
      project: { kind: 'micro_creche', places: 10 },
    });
  });

  it('writes differences with their sign in French, and a zero without one', () => {
    expect(formatSigned(3.24)).toBe('+3,2');
    expect(formatSigned(-1)).toBe('−1');
    expect(formatSigned(0.01)).toBe('0');
    expect(formatSigned(null)).toBe('—');
  });
});
