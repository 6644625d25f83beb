import { describe, expect, it } from 'vitest';
import {
  BAND_PALETTE,
  bandColors,
  bandLabel,
  formatArea,
  formatDistance,
  formatLonLat,
  formatMinutes,
  isochroneRequestBody,
  MINUTE_CLASSES,
  minuteClass,
  minPlacesChoices,
  minPlacesOptionLabel,
  minutesFillExpression,
  nearestQuery,
  nearestTargetLabel,
  NOT_REACHED_CLASS,
  originText,
  parseBands,
} from './travel';

describe('isochrone bands typed by a user', () => {
  it('reads commas, semicolons and spaces, sorts and drops duplicates', () => {
    expect(parseBands('10, 20, 30')).toEqual({ minutes: [10, 20, 30] });
    expect(parseBands(' 30;10 20 ,10 ')).toEqual({ minutes: [10, 20, 30] });
    expect(parseBands('60')).toEqual({ minutes: [60] });
  });

  it('says in French what is wrong, before any request', () => {
    expect(parseBands('')).toEqual({ error: expect.stringContaining('au moins une durée') });
    expect(parseBands('10, abc')).toEqual({
      error: '« abc » n’est pas un nombre entier de minutes.',
    });
    expect(parseBands('10, 7.5')).toEqual({ error: expect.stringContaining('« 7.5 »') });
    expect(parseBands('0, 10')).toEqual({
      error: expect.stringContaining('entre 1 et 60 minutes (0'),
    });
    expect(parseBands('10, 61')).toEqual({ error: expect.stringContaining('(61') });
    expect(parseBands('5 10 15 20 25 30 35')).toEqual({ error: '6 durées au plus (7 demandées).' });
    // Duplicates do not count against the maximum.
    expect(parseBands('5 10 15 20 25 30 30')).toEqual({ minutes: [5, 10, 15, 20, 25, 30] });
  });
});

describe('requests', () => {
  it('builds the isochrone body with sorted bands, rounded coordinates and the year when known', () => {
    expect(
      isochroneRequestBody(
        { lon: 2.123456789, lat: 47.987654321, mode: 'walk', minutes: [20, 10] },
        2024,
      ),
    ).toEqual({
      lon: 2.12346,
      lat: 47.98765,
      minutes: [10, 20],
      mode: 'walk',
      year: 2024,
    });
    expect(
      isochroneRequestBody({ lon: 2, lat: 47, mode: 'car', minutes: [10] }, null),
    ).not.toHaveProperty('year');
  });

  it('builds the nearest-place query, min_places only above 1', () => {
    expect(nearestQuery({ level: 'grid', target: 'mam', mode: 'car', year: 2023 })).toEqual({
      level: 'grid',
      target: 'mam',
      mode: 'car',
      year: 2023,
      min_places: null,
    });
    expect(
      nearestQuery({ level: 'commune', target: 'eaje', mode: 'walk', year: null, minPlaces: 10 })
        .min_places,
    ).toBe(10);
    expect(
      nearestQuery({ level: 'commune', target: 'eaje', mode: 'walk', year: null, minPlaces: 1 })
        .min_places,
    ).toBeNull();
    // Beyond the API's 200: no minimum rather than a 400.
    expect(
      nearestQuery({ level: 'grid', target: 'eaje', mode: 'car', year: null, minPlaces: 500 })
        .min_places,
    ).toBeNull();
  });
});

describe('the minimum number of places of the time-to-nearest layer', () => {
  it('names what the time is measured to, with the minimum when there is one', () => {
    expect(nearestTargetLabel('eaje', 10)).toBe('EAJE d’au moins 10 places');
    expect(nearestTargetLabel('mam', 5)).toBe('MAM d’au moins 5 places');
    expect(nearestTargetLabel('formal', 20)).toBe('EAJE ou MAM d’au moins 20 places');
    expect(nearestTargetLabel('formal', null)).toBe('EAJE ou MAM (tout établissement)');
    expect(nearestTargetLabel('eaje', 1)).toBe('EAJE');
  });

  it('offers 1, 5, 10 and 20 places, and the value of a link among them', () => {
    expect(minPlacesChoices(null)).toEqual([1, 5, 10, 20]);
    expect(minPlacesChoices(10)).toEqual([1, 5, 10, 20]);
    expect(minPlacesChoices(15)).toEqual([1, 5, 10, 15, 20]);
    expect(minPlacesChoices(40)).toEqual([1, 5, 10, 20, 40]);
    expect(minPlacesChoices(1).map(minPlacesOptionLabel)).toEqual([
      '1 place (tous)',
      '5 places',
      '10 places',
      '20 places',
    ]);
  });
});

describe('band colours', () => {
  it('start darkest, stay distinct and in palette order', () => {
    for (let n = 1; n <= 6; n++) {
      const colors = bandColors(n);
      expect(colors).toHaveLength(n);
      expect(colors[0]).toBe(BAND_PALETTE[0]);
      expect(new Set(colors).size).toBe(n);
      const idx = colors.map((c) => BAND_PALETTE.indexOf(c));
      expect(idx).toEqual([...idx].sort((a, b) => a - b));
    }
    expect(bandColors(3)).toEqual(['#253494', '#41b6c4', '#c7e9b4']);
    expect(bandColors(0)).toEqual([]);
  });
});

describe('minute classes', () => {
  it('put each bound in the class above it, beyond 30 in the last, null as not reached', () => {
    expect(minuteClass(0).id).toBe('lt5');
    expect(minuteClass(4.99).id).toBe('lt5');
    expect(minuteClass(5).id).toBe('5-10');
    expect(minuteClass(14.9).id).toBe('10-15');
    expect(minuteClass(20).id).toBe('20-30');
    expect(minuteClass(29.99).id).toBe('20-30');
    expect(minuteClass(30).id).toBe('ge30');
    expect(minuteClass(240).id).toBe('ge30');
    expect(minuteClass(null)).toBe(NOT_REACHED_CLASS);
    expect(minuteClass(Number.NaN)).toBe(NOT_REACHED_CLASS);
    expect(minuteClass(-1)).toBe(NOT_REACHED_CLASS);
  });

  it('have distinct colours, also from "not reached"', () => {
    const colors = [...MINUTE_CLASSES, NOT_REACHED_CLASS].map((c) => c.color);
    expect(new Set(colors).size).toBe(colors.length);
  });

  it('give MapLibre the same steps as minuteClass', () => {
    const expr = minutesFillExpression() as [string, unknown, unknown[], string];
    expect(expr[3]).toBe(NOT_REACHED_CLASS.color);
    const step = expr[2];
    expect(step[0]).toBe('step');
    // ['step', input, c0, 5, c1, 10, c2, …]: evaluate it by hand at a few times.
    const evalStep = (m: number) => {
      let color = step[2];
      for (let i = 3; i < step.length; i += 2) if (m >= (step[i] as number)) color = step[i + 1];
      return color;
    };
    for (const m of [0, 3, 5, 9.9, 10, 17, 20, 29, 30, 90])
      expect(evalStep(m), String(m)).toBe(minuteClass(m).color);
  });
});

describe('French wording', () => {
  it('writes minutes, hours and missing times', () => {
    expect(formatMinutes(8)).toBe('8 min');
    expect(formatMinutes(7.46)).toBe('7,5 min');
    expect(formatMinutes(12.4)).toBe('12 min');
    expect(formatMinutes(59.6)).toBe('1 h');
    expect(formatMinutes(65)).toBe('1 h 05');
    expect(formatMinutes(125)).toBe('2 h 05');
    expect(formatMinutes(null)).toBe('non atteint');
    expect(bandLabel(10)).toBe('≤ 10 min');
  });

  it('writes areas, distances and points with decimal commas', () => {
    expect(formatArea(45.25)).toBe('45,3 km²');
    expect(formatArea(0.042)).toBe('0,04 km²');
    expect(formatArea(0)).toBe('0,0 km²');
    expect(formatArea(null)).toBe('n.d.');
    expect(formatDistance(350.4)).toBe('350 m');
    expect(formatDistance(1234)).toBe('1,2 km');
    expect(formatLonLat(2.12341, 47.5)).toBe('47,5000° N, 2,1234° E');
    expect(formatLonLat(-1.5, 47.5)).toBe('47,5000° N, 1,5000° O');
  });
});

describe('origin of an isochrone', () => {
  it('says how the point joins the roads', () => {
    expect(originText({ reachable: true, distance_m: 0.2 }, 'car')).toBe(
      'Le point de départ est sur une route.',
    );
    expect(originText({ reachable: true, distance_m: 420, minutes: 1.26 }, 'car')).toBe(
      'Le point de départ est rattaché à la route la plus proche utilisable en voiture, à 420 m en ligne droite (1,3 min comptées).',
    );
  });

  it('explains a point off the network in French, keeping the server message', () => {
    const t = originText(
      {
        reachable: false,
        reason: 'too-far-from-road',
        distance_m: 3450,
        message: 'beyond the 2000 m limit',
      },
      'walk',
    );
    expect(t).toContain('trop loin d’une route utilisable à pied (la plus proche est à 3,5 km)');
    expect(t).toContain('Réponse du serveur : beyond the 2000 m limit');
    expect(originText({ reachable: false, reason: 'something-new' }, 'car')).toBe(
      'Aucun temps de trajet ne peut être calculé depuis ce point.',
    );
  });
});
