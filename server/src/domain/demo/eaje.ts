/**
 * Crèches (EAJE) of a département, mostly in towns: the prefecture has several multi-accueil
 * and crèches, a halte-garderie, a crèche familiale and micro-crèches; towns one to three
 * multi-accueil and a few micro-crèches; suburbs and bourgs sometimes a micro-crèche or a small
 * intercommunal multi-accueil; villages rarely anything.
 *
 * Sizes follow the rules of the trade: micro-crèches 8-12 places (legal maximum 12),
 * multi-accueil 20-60. Micro-crèches are mostly private and paid through families (hors PSU,
 * PAJE); the others are PSU-funded, run by communes, associations or (under contract) companies.
 * History: some open in 2019-2024 (micro-crèches above all), a few close, haltes-garderies
 * more often (many were turned into multi-accueil).
 */
import { facilityId } from './codes';
import { eajeName, managerName, type ManagerKind } from './facility-names';
import type { LocalFrame } from './frame';
import { positionInCommune } from './placement';
import type { Random } from './random';
import type { CommuneLayout, SettlementRole } from './settlements';
import type { DemoEaje, EajeKind } from './types';

export interface EajeContext {
  departementCode: string;
  layout: CommuneLayout;
  frame: LocalFrame;
  roles: readonly SettlementRole[];
  desert: readonly boolean[];
  /** Communes of a thin EPCI (see supply-profile.ts): crèches only in its towns. */
  thin: readonly boolean[];
  meanPopulation: readonly number[];
  communeCodes: readonly string[];
  communeNames: readonly string[];
  /** EPCI name of each commune (intercommunal crèches are run by the EPCI). */
  epciNames: readonly string[];
  /** Communes in the order facilities are numbered (by code). */
  order: readonly number[];
}

const LAST_YEAR = 2024;

function kindsFor(role: SettlementRole, population: number, r: Random): EajeKind[] {
  const kinds: EajeKind[] = [];
  const add = (kind: EajeKind, count: number) => {
    for (let i = 0; i < count; i++) kinds.push(kind);
  };
  switch (role) {
    case 'prefecture':
      add('multi_accueil', r.int(4, 6));
      add('creche_collective', r.int(1, 2));
      add('halte_garderie', 1);
      add('creche_familiale', 1);
      add('creche_parentale', r.chance(0.7) ? 1 : 0);
      add('micro_creche', r.int(4, 7));
      break;
    case 'town':
      add('multi_accueil', population > 10_000 ? r.int(1, 3) : r.int(1, 2));
      add('micro_creche', r.int(1, 3));
      add('halte_garderie', r.chance(0.3) ? 1 : 0);
      add('creche_parentale', r.chance(0.1) ? 1 : 0);
      break;
    case 'suburb':
      add('micro_creche', r.int(0, 2));
      add('multi_accueil', r.chance(0.35) ? 1 : 0);
      break;
    case 'bourg':
      add('micro_creche', r.chance(0.45) ? 1 : 0);
      add('multi_accueil', r.chance(0.3) ? 1 : 0);
      break;
    default:
      add('micro_creche', population >= 700 && r.chance(0.08) ? 1 : 0);
  }
  return kinds;
}

function places(kind: EajeKind, role: SettlementRole, r: Random): number {
  switch (kind) {
    case 'micro_creche':
      return [8, 9, 10, 11, 12][r.weightedIndex([1, 1, 3, 2, 5])];
    case 'multi_accueil':
      return role === 'prefecture' ? r.int(25, 60) : r.int(20, 45);
    case 'creche_collective':
    case 'creche_familiale':
      return r.int(30, 60);
    case 'halte_garderie':
      return r.int(12, 25);
    default:
      return r.int(12, 20);
  }
}

function funding(
  kind: EajeKind,
  r: Random,
): { financing: 'psu' | 'hors_psu'; managerKind: ManagerKind } {
  const kinds: ManagerKind[] = ['public', 'associatif', 'prive'];
  switch (kind) {
    case 'micro_creche':
      return r.chance(0.75)
        ? { financing: 'hors_psu', managerKind: 'prive' }
        : { financing: 'psu', managerKind: kinds[r.weightedIndex([15, 60, 25])] };
    case 'multi_accueil':
      return { financing: 'psu', managerKind: kinds[r.weightedIndex([55, 30, 15])] };
    case 'creche_collective':
      return { financing: 'psu', managerKind: r.chance(0.8) ? 'public' : 'prive' };
    case 'halte_garderie':
      return { financing: 'psu', managerKind: r.chance(0.6) ? 'associatif' : 'public' };
    case 'creche_familiale':
      return { financing: 'psu', managerKind: 'public' };
    default:
      return { financing: 'psu', managerKind: 'associatif' };
  }
}

/** A year in [from, LAST_YEAR] after `opened`, or null when there is none. */
export function closingYear(opened: number, from: number, r: Random): number | null {
  const first = Math.max(opened + 1, from);
  return first <= LAST_YEAR ? r.int(first, LAST_YEAR) : null;
}

export function generateEaje(ctx: EajeContext, random: Random): DemoEaje[] {
  const result: DemoEaje[] = [];
  for (const i of ctx.order) {
    if (ctx.desert[i]) continue;
    const kinds = kindsFor(ctx.roles[i], ctx.meanPopulation[i], random);
    if (ctx.thin[i] && ctx.roles[i] !== 'town' && ctx.roles[i] !== 'prefecture') continue;
    const namesHere = new Set<string>();
    for (const kind of kinds) {
      // Two crèches of one commune never share a name.
      let name = eajeName(random, kind, ctx.communeNames[i]);
      for (let attempt = 0; namesHere.has(name) && attempt < 20; attempt++) {
        name = eajeName(random, kind, ctx.communeNames[i]);
      }
      namesHere.add(name);
      const { financing, managerKind } = funding(kind, random);
      const isMicro = kind === 'micro_creche';
      const openedYear = random.chance(isMicro ? 0.2 : 0.08)
        ? random.int(2019, LAST_YEAR)
        : isMicro
          ? random.int(2009, 2018)
          : random.int(1978, 2018);
      const closedYear = random.chance(kind === 'halte_garderie' ? 0.2 : 0.03)
        ? closingYear(openedYear, 2020, random)
        : null;
      const manager =
        ctx.roles[i] === 'bourg' && managerKind === 'public'
          ? ctx.epciNames[i]
          : managerName(random, managerKind, ctx.communeNames[i], ctx.epciNames[i]);
      result.push({
        id: facilityId(ctx.departementCode, 'EAJE', result.length + 1),
        name,
        kind,
        financing,
        places: places(kind, ctx.roles[i], random),
        manager,
        managerKind,
        communeCode: ctx.communeCodes[i],
        position: positionInCommune(ctx.layout, i, ctx.frame, random, 0.35),
        openedYear,
        closedYear,
      });
    }
  }
  return result;
}
