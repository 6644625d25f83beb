/**
 * Childminders (assistants maternels, AM) and their MAM (maisons d'assistants maternels).
 *
 * - `activeCount` AM have an activity at some time in 2019-2024 (`active: true`); about 7% more
 *   hold an agrément without activity (`active: false`, never supply).
 * - About one MAM per 47 active AM (42 for the default 1,960), in suburbs, bourgs, towns and
 *   villages of 500+ inhabitants. A MAM has 2 to 6 AM (6 since ordonnance 2021-611, CASF
 *   L424-1; at most 4 at work at once, which the data, without timetables, do not show), each
 *   with 3 or 4 places, the last members of 4 lowered to 3 until the MAM holds at most 20
 *   children (the legal ceiling). Its members live at its address, start when it opens and
 *   stop when it closes; `places` and `childminderCount` are exactly the sum and number of its
 *   members.
 * - Home AM are drawn over communes by `profile.childminderWeight` (contrasts, deserts).
 *   Agreement places: 1 (12%), 2 (28%), 3 (36%), 4 (24%). 88% started before 2019; 18% stop
 *   during 2020-2024 (the number of AM is falling in France), so coverage moves over the years.
 */
import { facilityId } from './codes';
import { closingYear } from './eaje';
import { mamName } from './facility-names';
import type { LocalFrame } from './frame';
import { positionInCommune } from './placement';
import { WeightedSampler, type Random } from './random';
import type { CommuneLayout, SettlementRole } from './settlements';
import type { SupplyProfile } from './supply-profile';
import type { DemoChildminder, DemoMam } from './types';

export interface ChildminderContext {
  departementCode: string;
  layout: CommuneLayout;
  frame: LocalFrame;
  roles: readonly SettlementRole[];
  meanPopulation: readonly number[];
  communeCodes: readonly string[];
  profile: SupplyProfile;
}

const ACTIVE_AM_PER_MAM = 47;
const INACTIVE_SHARE = 0.07;
/** Members of a MAM: 2 to 6, most often 3 or 4, with these weights. */
const MAM_SIZES = [2, 3, 4, 5, 6];
const MAM_SIZE_WEIGHTS = [25, 30, 30, 10, 5];
/** Children a MAM may hold at once (CASF L424-1). */
export const MAM_MAX_PLACES = 20;

export function generateChildminders(
  ctx: ChildminderContext,
  activeCount: number,
  random: Random,
): { mams: DemoMam[]; childminders: Omit<DemoChildminder, 'birthYear'>[] } {
  const n = ctx.roles.length;
  const mamWeights = ctx.roles.map((role, i) => {
    if (ctx.profile.desert[i] || role === 'prefecture') return 0;
    if (role === 'village' && ctx.meanPopulation[i] < 500) return 0;
    return Math.sqrt(ctx.meanPopulation[i]);
  });
  const homeWeights = ctx.profile.childminderWeight;
  const canHaveMam = mamWeights.some((w) => w > 0);
  const canHaveHome = homeWeights.some((w) => w > 0);
  if (activeCount > 0 && !canHaveHome) {
    throw new RangeError('generateChildminders: no commune can host a childminder');
  }

  interface Draft {
    commune: number;
    places: number;
    active: boolean;
    mam: number | null;
    started: number;
    ended: number | null;
    position: [number, number];
  }
  const drafts: Draft[] = [];
  const mamDrafts: {
    commune: number;
    opened: number;
    closed: number | null;
    position: [number, number];
  }[] = [];

  const mamCount = canHaveMam
    ? Math.round((activeCount / ACTIVE_AM_PER_MAM) * random.range(0.85, 1.15))
    : 0;
  const mamSampler = canHaveMam ? new WeightedSampler(mamWeights) : null;
  let remaining = activeCount;
  for (let m = 0; m < mamCount; m++) {
    const members = MAM_SIZES[random.weightedIndex(MAM_SIZE_WEIGHTS)];
    if (members > remaining) break;
    remaining -= members;
    const commune = mamSampler!.draw(random);
    const opened = random.chance(0.3) ? random.int(2019, 2024) : random.int(2012, 2018);
    const closed = random.chance(0.06) ? closingYear(opened, 2020, random) : null;
    const position = positionInCommune(ctx.layout, commune, ctx.frame, random, 0.4);
    mamDrafts.push({ commune, opened, closed, position });
    const places = Array.from({ length: members }, () => (random.chance(0.75) ? 4 : 3));
    // Six AM of 3 places are 18: taking a place from the last members of 4 always gets to 20.
    while (places.reduce((s, p) => s + p, 0) > MAM_MAX_PLACES) places[places.lastIndexOf(4)] -= 1;
    for (let k = 0; k < members; k++) {
      drafts.push({
        commune,
        places: places[k],
        active: true,
        mam: m,
        started: opened,
        ended: closed,
        position: [position[0], position[1]],
      });
    }
  }

  const homeSampler = canHaveHome ? new WeightedSampler(homeWeights) : null;
  const inactive = Math.round(activeCount * INACTIVE_SHARE);
  for (let k = 0; k < remaining + inactive; k++) {
    const active = k < remaining;
    const commune = homeSampler!.draw(random);
    const places = [1, 2, 3, 4][random.weightedIndex([12, 28, 36, 24])];
    let started: number;
    let ended: number | null = null;
    if (active) {
      started = random.chance(0.88) ? random.int(1992, 2018) : random.int(2019, 2024);
      if (random.chance(0.18)) ended = closingYear(started, 2020, random);
    } else {
      started = random.int(1995, 2022);
    }
    const position = positionInCommune(ctx.layout, commune, ctx.frame, random, 0.45);
    drafts.push({ commune, places, active, mam: null, started, ended, position });
  }

  // Number the MAM and the AM commune by commune (by code), as a département's list would be.
  const rank = new Array<number>(n);
  [...Array(n).keys()]
    .sort((a, b) => (ctx.communeCodes[a] < ctx.communeCodes[b] ? -1 : 1))
    .forEach((c, k) => (rank[c] = k));
  const mamOrder = [...mamDrafts.keys()].sort(
    (a, b) => rank[mamDrafts[a].commune] - rank[mamDrafts[b].commune] || a - b,
  );
  const mamIds = new Array<string>(mamDrafts.length);
  mamOrder.forEach((m, k) => (mamIds[m] = facilityId(ctx.departementCode, 'MAM', k + 1)));

  const amOrder = [...drafts.keys()].sort(
    (a, b) => rank[drafts[a].commune] - rank[drafts[b].commune] || a - b,
  );
  const childminders: Omit<DemoChildminder, 'birthYear'>[] = amOrder.map((d, k) => {
    const a = drafts[d];
    return {
      id: facilityId(ctx.departementCode, 'AM', k + 1),
      communeCode: ctx.communeCodes[a.commune],
      agreementPlaces: a.places,
      active: a.active,
      mamId: a.mam === null ? null : mamIds[a.mam],
      position: a.position,
      startedYear: a.started,
      endedYear: a.ended,
    };
  });

  const placesOf = new Array<number>(mamDrafts.length).fill(0);
  const membersOf = new Array<number>(mamDrafts.length).fill(0);
  for (const a of drafts) {
    if (a.mam !== null) {
      placesOf[a.mam] += a.places;
      membersOf[a.mam] += 1;
    }
  }
  const mams: DemoMam[] = mamOrder.map((m) => ({
    id: mamIds[m],
    name: mamName(random),
    places: placesOf[m],
    childminderCount: membersOf[m],
    communeCode: ctx.communeCodes[mamDrafts[m].commune],
    position: mamDrafts[m].position,
    openedYear: mamDrafts[m].opened,
    closedYear: mamDrafts[m].closed,
  }));
  return { mams, childminders };
}
