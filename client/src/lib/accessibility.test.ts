import { describe, expect, it } from 'vitest';
import type { AccessibilityTerritory } from '../api/types';
import {
  accessibilityRateText,
  accessRateClass,
  accessRateFillExpression,
  leakageSentences,
} from './accessibility';

const alpha: AccessibilityTerritory = {
  level: 'commune',
  code: '18001',
  name: 'Alpha',
  official_rate: 75,
  children: 40,
  places: 30,
  places_rate: 75,
  accessibility_rate: 66.7,
  places_used_by_residents: 20,
  places_used_by_outsiders: 10,
  places_used_outside: 6.67,
  places_unreached: 0,
  estimated: false,
};

describe('accessibility classes and wording', () => {
  it('puts a rate in its class: none only at 0, bounds inclusive from below', () => {
    expect(accessRateClass(0).id).toBe('none');
    expect(accessRateClass(0.1).id).toBe('lt20');
    expect(accessRateClass(20).id).toBe('20-40');
    expect(accessRateClass(59.9).id).toBe('40-60');
    expect(accessRateClass(250).id).toBe('ge80');
  });

  it('gives MapLibre the same bounds as the classes', () => {
    expect(accessRateFillExpression()).toEqual([
      'step',
      ['to-number', ['get', 'accessibility_rate']],
      '#b2182b',
      1e-9,
      '#ef8a62',
      20,
      '#fddbc7',
      40,
      '#d1e5f0',
      60,
      '#67a9cf',
      80,
      '#2166ac',
    ]);
  });

  it('explains the leakage in French with the territory’s figures', () => {
    expect(leakageSentences(alpha)).toEqual([
      'Sur ses 30 places, 20 vont à ses propres familles et 10 à des familles venues d’ailleurs.',
      'Ses familles trouvent 6,7 places à portée hors du territoire.',
    ]);
    expect(leakageSentences({ ...alpha, places_unreached: 2 })[2]).toBe(
      '2 places ne sont à portée d’aucun enfant.',
    );
  });

  it('labels an estimated grid "estimé"', () => {
    expect(accessibilityRateText(alpha)).toBe('66,7');
    expect(accessibilityRateText({ ...alpha, estimated: true })).toBe('66,7 (estimé)');
  });
});
