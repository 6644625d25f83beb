import { describe, expect, it } from 'vitest';
import { coverage } from './coverage-rate';
import { missingModes, missingOfParts, modesInFrench } from './completeness';
import { classWithCompleteness } from './gap-class';
import { compareWithCaf } from './caf-comparison';

describe('completeness of the rate by mode', () => {
  it('names the modes without data; MAM goes with the childminder list', () => {
    expect(missingModes(['eaje'])).toEqual(['am', 'mam', 'home_care', 'preschool']);
    expect(missingModes(['eaje', 'am'])).toEqual(['home_care', 'preschool']);
    expect(missingModes(['eaje', 'mam', 'home_care', 'preschool'])).toEqual(['am', 'mam']);
    expect(missingModes(['eaje', 'am', 'home_care', 'preschool'])).toEqual([]);
  });

  it('a whole lacks a mode any of its parts lacks', () => {
    expect(missingOfParts([[], ['preschool'], ['am', 'mam']])).toEqual(['am', 'mam', 'preschool']);
    expect(missingOfParts([[], []])).toEqual([]);
  });

  it('says them in French', () => {
    expect(modesInFrench(['am', 'mam', 'home_care'])).toBe(
      'assistants maternels, MAM et garde à domicile',
    );
  });

  it('an incomplete figure is never well below nor a zone blanche', () => {
    const input = {
      childrenUnder3: 100 as number | null,
      placesEajePsu: 0,
      placesEajeHorsPsu: 0,
      placesAmHome: 0,
      placesAmMam: 0,
      placesHomeCare: 0,
      placesPreschool: 0,
    };
    const c = coverage(input);
    expect(classWithCompleteness(c, 60.9, ['am'])).toBe('incomplete');
    expect(classWithCompleteness(c, 60.9, [])).toBe('zone_blanche');
    const noChildren = coverage({ ...input, childrenUnder3: null });
    expect(classWithCompleteness(noChildren, 60.9, ['am'])).toBe('no_data');
  });
});

describe('Berceau beside the Caf', () => {
  it('gives the difference and the modes that explain it, largest first', () => {
    const c = compareWithCaf(
      58,
      { eaje: 24.3, am: 30, home_care: 0, preschool: 4 },
      {
        txcouv: 72.3,
        txcouv_eaje: 24.3,
        txcouv_am_ind: 42.9,
        txcouv_gad_ind: 1,
        txcouv_prescol: 4.1,
      },
      [],
    )!;
    expect(c.difference).toBeCloseTo(-14.3, 6);
    expect(c.differing).toEqual(['am', 'home_care']);
    expect(c.modes.find((m) => m.mode === 'am')!.difference).toBeCloseTo(-12.9, 6);
  });

  it('a mode without data here is a reason; no Caf rate, no comparison', () => {
    const c = compareWithCaf(
      30,
      { eaje: 24.3, am: 5, home_care: 0, preschool: 0 },
      { txcouv: 72.3, txcouv_am_ind: 42.9 },
      ['home_care', 'preschool'],
    )!;
    expect(c.differing).toEqual(['home_care', 'preschool', 'am']);
    expect(c.modes.find((m) => m.mode === 'preschool')!.berceau).toBeNull();
    expect(compareWithCaf(30, { eaje: 1, am: 1, home_care: 0, preschool: 0 }, {}, [])).toBeNull();
  });
});
