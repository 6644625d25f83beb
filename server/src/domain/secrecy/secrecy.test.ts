import { describe, expect, it } from 'vitest';
import { DEFAULT_SECRECY_THRESHOLD, secretAreas, type SecrecyArea } from './index';

/** A commune of EPCI `E` and département `D`; `atHome` defaults to every childminder. */
const commune = (code: string, childminders: number, atHome = childminders): SecrecyArea => ({
  id: code,
  level: 'commune',
  childminders,
  childmindersAtHome: atHome,
  parents: ['E', 'D'],
});
const parent = (id: string, members: SecrecyArea[], parents: string[] = []): SecrecyArea => ({
  id,
  level: id.startsWith('E') ? 'epci' : 'departement',
  childminders: members.reduce((s, m) => s + m.childminders, 0),
  childmindersAtHome: members.reduce((s, m) => s + m.childmindersAtHome, 0),
  parents,
});
/** An EPCI `E` of the given communes, alone in département `D`. */
const territory = (...communes: SecrecyArea[]) => [
  ...communes,
  parent('E', communes, ['D']),
  parent('D', communes),
];
const asObject = (m: Map<string, string>) => Object.fromEntries([...m].sort());

describe('statistical secrecy for childminders', () => {
  it('uses INSEE’s frequency rule, 3, by default', () => {
    expect(DEFAULT_SECRECY_THRESHOLD).toBe(3);
  });

  it('withholds 1 and 2 childminders, publishes 0 and 3', () => {
    const areas = ['a', 'b', 'c', 'd'].map((code, i) => ({
      id: code,
      level: 'commune',
      childminders: i,
      childmindersAtHome: i,
      parents: [],
    }));
    expect(asObject(secretAreas(areas))).toEqual({ b: 'small', c: 'small' });
  });

  it('withholds a territory where fewer than the threshold work at home, even with a MAM', () => {
    // 1 at home and 4 in a MAM: the MAM's places are public, so the rest is one person's.
    const areas = [
      { id: 'a', level: 'commune', childminders: 5, childmindersAtHome: 1, parents: [] },
    ];
    expect(asObject(secretAreas(areas))).toEqual({ a: 'small' });
  });

  it('withholds the smallest public neighbour when the parent minus the others gives the secret back', () => {
    // EPCI of 10 = 1 (secret) + 4 + 5: 10 − 4 − 5 would give the 1 back, so the 4 goes too.
    const areas = territory(commune('c1', 1), commune('c2', 4), commune('c3', 5));
    expect(asObject(secretAreas(areas))).toEqual({ c1: 'small', c2: 'complementary' });
  });

  it('adds neighbours until the secret sum reaches the threshold', () => {
    // 1 + 1 = 2 is still small: 10 − 8 would say two communes of one childminder each.
    const areas = territory(commune('c1', 1), commune('c2', 1), commune('c3', 8), commune('c4', 9));
    expect(asObject(secretAreas(areas))).toEqual({
      c1: 'small',
      c2: 'small',
      c3: 'complementary',
    });
  });

  it('needs no neighbour when the secret communes already add up to the threshold', () => {
    const areas = territory(commune('c1', 2), commune('c2', 1), commune('c3', 6));
    expect(asObject(secretAreas(areas))).toEqual({ c1: 'small', c2: 'small' });
  });

  it('protects the at-home count on its own (MAM childminders are public through their MAM)', () => {
    // c1 has 4 childminders, one at home: secret. The EPCI minus c2 and c3 gives 4 (safe) but
    // 1 at home (not): c3 goes, not the smaller c2, which has no one at home to hide c1's.
    const areas = territory(commune('c1', 4, 1), commune('c2', 3, 0), commune('c3', 6, 5));
    expect(asObject(secretAreas(areas))).toEqual({ c1: 'small', c3: 'complementary' });
  });

  it('never subtracts from a withheld parent', () => {
    // The EPCI itself holds 2: it is secret, and its communes have nothing to protect from it.
    const areas = [
      commune('c1', 1),
      commune('c2', 1),
      parent('E', [commune('c1', 1), commune('c2', 1)]),
    ].map((a) => ({ ...a, parents: a.id === 'E' ? [] : ['E'] }));
    expect(asObject(secretAreas(areas))).toEqual({ c1: 'small', c2: 'small', E: 'small' });
  });

  it('protects an EPCI inside its département as it protects a commune inside its EPCI', () => {
    const e1 = [commune('a1', 1), commune('a2', 1)].map((c) => ({ ...c, parents: ['E1', 'D'] }));
    const e2 = [commune('b1', 5), commune('b2', 6)].map((c) => ({ ...c, parents: ['E2', 'D'] }));
    const e3 = [commune('d1', 7)].map((c) => ({ ...c, parents: ['E3', 'D'] }));
    const areas = [
      ...e1,
      ...e2,
      ...e3,
      parent('E1', e1, ['D']),
      parent('E2', e2, ['D']),
      parent('E3', e3, ['D']),
      parent('D', [...e1, ...e2, ...e3]),
    ];
    // E1 (2) is small; D − E2 − E3 would give it back, so the smaller public EPCI, E3 (7),
    // goes; at commune level D − b1 − b2 − d1 = 2 would give a1 + a2 back, so the smallest
    // public commune, b1 (5), goes.
    expect(asObject(secretAreas(areas))).toEqual({
      E1: 'small',
      E3: 'complementary',
      a1: 'small',
      a2: 'small',
      b1: 'complementary',
    });
  });

  it('makes every public parent minus its public members 0 or at least the threshold', () => {
    // A seeded département of 40 communes in 5 EPCI, many with one or two childminders.
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const communes: SecrecyArea[] = [];
    for (let i = 0; i < 40; i++) {
      const all =
        Math.floor(random() * 3) === 0 ? Math.floor(random() * 12) : Math.floor(random() * 3);
      communes.push({
        id: `c${i}`,
        level: 'commune',
        childminders: all,
        childmindersAtHome: Math.max(0, all - Math.floor(random() * 3)),
        parents: [`E${i % 5}`, 'D'],
      });
    }
    const epcis = [0, 1, 2, 3, 4].map((e) =>
      parent(
        `E${e}`,
        communes.filter((c) => c.parents[0] === `E${e}`),
        ['D'],
      ),
    );
    const areas = [...communes, ...epcis, parent('D', communes)];
    for (const threshold of [2, 3, 5, 11]) {
      const secret = secretAreas(areas, threshold);
      for (const p of [...epcis, areas.at(-1)!]) {
        if (secret.has(p.id)) continue;
        const members = areas.filter((a) => a.parents.includes(p.id) && secret.has(a.id));
        for (const count of ['childminders', 'childmindersAtHome'] as const) {
          const residual = members.reduce((s, m) => s + m[count], 0);
          expect(residual === 0 || residual >= threshold, `${p.id} ${count} at ${threshold}`).toBe(
            true,
          );
        }
      }
      for (const a of areas) {
        const small = [a.childminders, a.childmindersAtHome].some((n) => n >= 1 && n < threshold);
        if (small) expect(secret.get(a.id)).toBe('small');
      }
    }
  });

  it('refuses a threshold below 1 and a negative count', () => {
    expect(() => secretAreas([], 0)).toThrow(/threshold must be a whole number ≥ 1, got 0/);
    expect(() =>
      secretAreas([
        { id: 'x', level: 'commune', childminders: -1, childmindersAtHome: 0, parents: [] },
      ]),
    ).toThrow(/counts of x must be whole numbers ≥ 0, got -1/);
  });
});
