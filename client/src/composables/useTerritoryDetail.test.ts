import { afterEach, describe, expect, it, vi } from 'vitest';
import { effectScope, reactive, ref } from 'vue';
import type { TerritoryCollection } from '../api/types';
import type { LoadedDepartement } from '../lib/departements';
import type { ReferenceKind, TerritoryRef } from '../lib/url-state';
import { fakeApi, settle } from '../../test/fake-api';
import { collection, detail, territory } from '../../test/fixtures';
import type { TerritoryLists } from './useTerritories';
import { useTerritoryDetail } from './useTerritoryDetail';

const VAL = territory('epci', '200000001', 'CC du Val', { departement_code: '18' });
const ARCAY = territory('commune', '18001', 'Arçay', { epci_code: '200000001' });
const BRECY = territory('commune', '18002', 'Brécy', { epci_code: '200000001' });
const OTHER = territory('commune', '18003', 'Civray', { epci_code: '200000009' });
const ELSEWHERE = territory('commune', '36001', 'Aigurande', { departement_code: '36' });

function list(c: TerritoryCollection | null) {
  return { data: ref(c), loading: ref(false), error: ref(null) };
}

function start(selected: TerritoryRef | null, shown: LoadedDepartement = CHER) {
  const api = fakeApi((r) => {
    const code = r.url.split('?')[0].split('/').pop()!;
    const t = [VAL, ARCAY, BRECY, OTHER, ELSEWHERE].find((x) => x.properties.code === code)!;
    return { body: detail(t, [2, 47, 2.1, 47.1]) };
  });
  const state = reactive({
    selected,
    year: 2023 as number | null,
    reference: 'departement' as ReferenceKind,
  });
  const lists: TerritoryLists = {
    epci: list(collection('epci', [VAL])),
    ept: list(null),
    commune: list(collection('commune', [ARCAY, BRECY, OTHER])),
    departement: list(null),
  };
  const scope = effectScope();
  const d = scope.run(() => useTerritoryDetail(state, lists, ref(shown), ref(0)))!;
  return { api, state, d, scope };
}

const CHER = { departementCode: '18', name: 'Cher', fictional: false };

afterEach(() => vi.unstubAllGlobals());

describe('useTerritoryDetail', () => {
  it('loads the selection’s detail for the year and reference shown, with its communes', async () => {
    const { api, d, scope } = start({ level: 'epci', code: '200000001' });
    await settle();
    expect(api.urls()).toEqual(['/api/territories/epci/200000001?year=2023&reference=departement']);
    expect(d.detail.data.value?.territory.name).toBe('CC du Val');
    expect(d.members.value.map((m) => m.name)).toEqual(['Arçay', 'Brécy']);
    expect(d.feature.value?.properties.code).toBe('200000001');
    scope.stop();
  });

  it('drops a selection that is not in the département shown (a hand-made link)', async () => {
    const { api, state, d, scope } = start({ level: 'commune', code: '36001' });
    await settle();
    // Its detail says it is in the Indre (36), not in the Cher shown.
    expect(api.urls()).toEqual(['/api/territories/commune/36001?year=2023&reference=departement']);
    expect(state.selected).toBeNull();
    expect(d.detail.data.value).toBeNull();
    scope.stop();
  });

  it('before a switch of département, keeps an EPCI crossing the line and drops a commune', async () => {
    const epci = start({ level: 'epci', code: '200000001' });
    await settle();
    epci.d.leaveFor('18');
    expect(epci.state.selected).toEqual({ level: 'epci', code: '200000001' });
    epci.d.leaveFor('36');
    expect(epci.state.selected).toBeNull();
    epci.scope.stop();
  });

  it('asks for nothing without a selection', async () => {
    const { api, d, scope } = start(null);
    await settle();
    expect(api.urls()).toEqual([]);
    expect(d.feature.value).toBeNull();
    scope.stop();
  });
});
