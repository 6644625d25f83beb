import { describe, expect, it } from 'vitest';
import { placesBreakdown } from './places-breakdown';

const places = {
  places_eaje_psu: 30,
  places_eaje_hors_psu: 10,
  places_am: 48.6,
  places_mam: 9.72,
  places_home_care: 0,
  places_preschool: 1.68,
  places_total: 100,
};

describe('places by mode', () => {
  it('lists the six modes in the official order with their share of the total', () => {
    const s = placesBreakdown(places);
    expect(s.map((x) => x.id)).toEqual([
      'places_eaje_psu',
      'places_eaje_hors_psu',
      'places_am',
      'places_mam',
      'places_home_care',
      'places_preschool',
    ]);
    expect(s[0].share).toBeCloseTo(0.3, 10);
    expect(s[2].places).toBe(48.6);
    expect(s.reduce((sum, x) => sum + x.share, 0)).toBeCloseTo(1, 10);
  });

  it('gives zero shares, not NaN, when a territory has no place at all (zone blanche)', () => {
    const s = placesBreakdown({
      ...places,
      places_eaje_psu: 0,
      places_eaje_hors_psu: 0,
      places_am: 0,
      places_mam: 0,
      places_preschool: 0,
      places_total: 0,
    });
    expect(s.every((x) => x.share === 0)).toBe(true);
  });
});
