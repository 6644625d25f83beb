import { describe, expect, it } from 'vitest';
import { exactCovers, exactRuleOf, seesAnyExact } from './visibility';

const commune = {
  level: 'commune',
  code: '18033',
  epci_code: 'E1',
  departement_code: '18',
} as const;

describe('who sees exact childminder figures, where', () => {
  it('admins everywhere, the public nowhere', () => {
    const admin = exactRuleOf({ role: 'admin', territories: [] });
    expect(exactCovers(admin, commune)).toBe(true);
    expect(exactCovers(admin, { level: 'departement', code: '36' })).toBe(true);
    const pub = exactRuleOf(null);
    expect(seesAnyExact(pub)).toBe(false);
    expect(exactCovers(pub, commune)).toBe(false);
  });

  it('a planner of a département sees its communes, EPCI and itself, not its neighbour', () => {
    const rule = exactRuleOf({
      role: 'planner',
      territories: [{ level: 'departement', code: '18' }],
    });
    expect(rule).toBe('d:18');
    expect(exactCovers(rule, commune)).toBe(true);
    expect(exactCovers(rule, { level: 'epci', code: 'E1', departement_code: '18' })).toBe(true);
    expect(exactCovers(rule, { level: 'departement', code: '18' })).toBe(true);
    expect(exactCovers(rule, { level: 'departement', code: '36' })).toBe(false);
    expect(exactCovers(rule, { ...commune, code: '36001', departement_code: '36' })).toBe(false);
  });

  it('a reviewer of a commune sees that commune only, not the EPCI that contains it', () => {
    const rule = exactRuleOf({
      role: 'reviewer',
      territories: [
        { level: 'commune', code: '18033' },
        { level: 'epci', code: 'E9' },
      ],
    });
    expect(rule).toBe('c:18033 e:E9');
    expect(exactCovers(rule, commune)).toBe(true);
    expect(exactCovers(rule, { ...commune, code: '18034' })).toBe(false);
    expect(exactCovers(rule, { level: 'epci', code: 'E1', departement_code: '18' })).toBe(false);
    expect(exactCovers(rule, { ...commune, code: '18050', epci_code: 'E9' })).toBe(true);
    expect(exactCovers(rule, { level: 'departement', code: '18' })).toBe(false);
  });

  it('a planner without territories sees nothing exactly', () => {
    expect(exactRuleOf({ role: 'planner', territories: [] })).toBe('');
  });
  it('a planner of an EPT sees the EPT and its member communes, not the Métropole nor the département', () => {
    const rule = exactRuleOf({
      role: 'planner',
      territories: [{ level: 'ept', code: '200057867' }],
      eptCommunes: { '200057867': ['93066', '93001'] },
    });
    expect(rule).toBe('c:93001 c:93066 t:200057867');
    const aubervilliers = {
      level: 'commune',
      code: '93001',
      epci_code: '200054781',
      departement_code: '93',
    } as const;
    expect(exactCovers(rule, aubervilliers)).toBe(true);
    expect(exactCovers(rule, { ...aubervilliers, code: '93008' })).toBe(false);
    expect(exactCovers(rule, { level: 'ept', code: '200057867' })).toBe(true);
    expect(exactCovers(rule, { level: 'ept', code: '200057875' })).toBe(false);
    expect(exactCovers(rule, { level: 'epci', code: '200054781', departement_code: '93' })).toBe(
      false,
    );
    expect(exactCovers(rule, { level: 'departement', code: '93' })).toBe(false);
  });
});
