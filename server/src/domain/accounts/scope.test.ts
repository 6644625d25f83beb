import { describe, expect, it } from 'vitest';
import { scopeCovers, type Place } from './scope';

const zone: Place = { departements: ['18'], epcis: ['241800507'], communes: ['18033', '18050'] };

describe('scopeCovers', () => {
  it('lets an admin act everywhere, even without territories', () => {
    expect(scopeCovers({ role: 'admin', territories: [] }, zone)).toBe(true);
  });

  it('covers a place touching one of the user territories, at any level', () => {
    expect(
      scopeCovers({ role: 'reviewer', territories: [{ level: 'departement', code: '18' }] }, zone),
    ).toBe(true);
    expect(
      scopeCovers({ role: 'planner', territories: [{ level: 'epci', code: '241800507' }] }, zone),
    ).toBe(true);
    expect(
      scopeCovers({ role: 'reviewer', territories: [{ level: 'commune', code: '18050' }] }, zone),
    ).toBe(true);
  });

  it('refuses a place outside the user territories, whatever the level of the code', () => {
    expect(
      scopeCovers({ role: 'reviewer', territories: [{ level: 'departement', code: '36' }] }, zone),
    ).toBe(false);
    // A commune code given as a département scope does not match by accident.
    expect(
      scopeCovers(
        { role: 'planner', territories: [{ level: 'departement', code: '18033' }] },
        zone,
      ),
    ).toBe(false);
    expect(scopeCovers({ role: 'planner', territories: [] }, zone)).toBe(false);
  });
  it('covers a place touching one of the communes of the user’s EPT, nothing else', () => {
    const user = {
      role: 'planner',
      territories: [{ level: 'ept', code: '200057867' }],
      eptCommunes: { '200057867': ['93001', '93066'] },
    } as const;
    const place = (communes: string[]): Place => ({
      departements: ['93'],
      epcis: ['200054781'],
      communes,
    });
    expect(scopeCovers(user, place(['93066', '93008']))).toBe(true);
    expect(scopeCovers(user, place(['93008']))).toBe(false);
    // Without its members (none loaded), an EPT scope covers nothing.
    expect(scopeCovers({ ...user, eptCommunes: {} }, place(['93066']))).toBe(false);
  });
});
