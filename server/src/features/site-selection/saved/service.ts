/**
 * Scenarios saved by the people who make them (docs/site-finder.md, "Saving and sharing"): who
 * may read one follows from the territories its changes touch (scopeCovers, as for gap zones);
 * only its author or an admin changes or deletes it, against the version they read. The
 * figures are never stored: a scenario is evaluated anew (POST /api/scenario) when opened.
 */
import type { Knex } from 'knex';
import type { z } from 'zod';
import type {
  SavedScenario,
  savedScenarioBody,
  savedScenarioUpdateBody,
} from '../../../../../contract';
import { scopeCovers, type Place, type SignedInUser } from '../../../domain/accounts';
import { Conflict, Forbidden, InvalidInput, NotFound } from '../../../domain/errors';
import {
  fetchScenario,
  fetchScenarioPlace,
  fetchScenarios,
  insertScenario,
  removeScenario,
  updateScenario,
  type ScenarioRow,
  type ScenarioWrite,
} from './repository';

type SavedBody = z.output<typeof savedScenarioBody>;
type UpdateBody = z.output<typeof savedScenarioUpdateBody>;

/** The link that opens a saved scenario on the "Projet de MAM" screen. */
export const savedScenarioLink = (id: number) => `/projet-mam?scenario=${id}`;

const MICRO_CRECHE_MAX_PLACES = 12;

export class SavedScenarioService {
  constructor(readonly knex: Knex) {}

  /** The scenarios touching `user`'s territories (all for an admin), the last changed first. */
  async list(user: SignedInUser): Promise<SavedScenario[]> {
    const rows = await fetchScenarios(this.knex);
    return rows.filter((r) => scopeCovers(user, placeOf(r))).map((r) => toAnswer(r, user));
  }

  async read(id: number, user: SignedInUser): Promise<SavedScenario> {
    return toAnswer(await this.readable(id, user), user);
  }

  /** Whether a saved scenario of that id exists (a decision may link to it). */
  async exists(id: number): Promise<{ id: number; name: string } | null> {
    const row = await fetchScenario(this.knex, id);
    return row ? { id: row.id, name: row.name } : null;
  }

  async create(body: SavedBody, user: SignedInUser): Promise<SavedScenario> {
    const write = await this.checked(body, user);
    const id = await insertScenario(this.knex, write, authorOf(user));
    return this.read(id, user);
  }

  async update(id: number, body: UpdateBody, user: SignedInUser): Promise<SavedScenario> {
    const row = await this.readable(id, user);
    assertEditable(row, user, 'change');
    const write = await this.checked(body, user);
    if (!(await updateScenario(this.knex, id, body.version, write))) {
      const now = await fetchScenario(this.knex, id);
      if (!now) throw notFound(id);
      throw new Conflict(
        `Scenario ${id} changed since version ${body.version} was read (it is at version ${now.version}): read it again`,
      );
    }
    return this.read(id, user);
  }

  async remove(id: number, user: SignedInUser): Promise<void> {
    const row = await this.readable(id, user);
    assertEditable(row, user, 'delete');
    if (!(await removeScenario(this.knex, id))) throw notFound(id);
  }

  private async readable(id: number, user: SignedInUser): Promise<ScenarioRow> {
    const row = await fetchScenario(this.knex, id);
    if (!row) throw notFound(id);
    if (!scopeCovers(user, placeOf(row))) {
      throw new Forbidden('This is outside the territories you work on');
    }
    return row;
  }

  /**
   * The write of a body: each change placed in a loaded commune (a 400 naming the change
   * otherwise), the whole inside `user`'s territories (a 403 otherwise).
   */
  private async checked(body: SavedBody, user: SignedInUser): Promise<ScenarioWrite> {
    const points: [number, number][] = [];
    const facilities: string[] = [];
    for (const [k, change] of body.changes.entries()) {
      const refuse = (field: string, message: string) =>
        new InvalidInput(`Invalid request: body.changes.${k}.${field}: ${message}`, {
          details: [{ field: `body.changes.${k}.${field}`, message }],
        });
      if (change.op === 'add') {
        if (change.kind === 'micro_creche' && change.places > MICRO_CRECHE_MAX_PLACES) {
          throw refuse('places', `a micro-crèche has at most ${MICRO_CRECHE_MAX_PLACES} places`);
        }
        const one = await fetchScenarioPlace(this.knex, [[change.lon, change.lat]], []);
        if (one.unplaced > 0) {
          throw refuse('lon', `the point [${change.lon}, ${change.lat}] is in no loaded commune`);
        }
        points.push([change.lon, change.lat]);
      } else {
        const one = await fetchScenarioPlace(this.knex, [], [change.facility]);
        if (one.unplaced > 0) throw refuse('facility', `no facility ${change.facility}`);
        facilities.push(change.facility);
      }
    }
    const all = await fetchScenarioPlace(this.knex, points, facilities);
    const place = { communes: all.communes, epcis: all.epcis, departements: all.departements };
    if (!scopeCovers(user, place)) {
      throw new Forbidden('This scenario changes places outside the territories you work on');
    }
    return {
      name: body.name,
      year: body.year,
      minutes: body.minutes,
      changes: body.changes,
      place,
    };
  }
}

const placeOf = (r: Pick<ScenarioRow, 'communes' | 'epcis' | 'departements'>): Place => ({
  communes: r.communes,
  epcis: r.epcis,
  departements: r.departements,
});

const authorOf = (user: SignedInUser) => ({ id: user.id, name: user.displayName || user.login });

const notFound = (id: number) =>
  new NotFound(`No saved scenario ${id}`, { details: { field: 'params.id' } });

const mayEdit = (row: ScenarioRow, user: SignedInUser) =>
  user.role === 'admin' || (row.author_id !== null && row.author_id === user.id);

function assertEditable(row: ScenarioRow, user: SignedInUser, what: 'change' | 'delete') {
  if (!mayEdit(row, user)) {
    throw new Forbidden(`Only its author or an admin may ${what} this scenario`);
  }
}

function toAnswer(r: ScenarioRow, user: SignedInUser): SavedScenario {
  return {
    id: r.id,
    name: r.name,
    year: r.year,
    minutes: r.minutes,
    changes: JSON.parse(r.changes),
    communes: r.communes,
    epcis: r.epcis,
    departements: r.departements,
    author: { id: r.author_id, name: r.author_name },
    version: r.version,
    created_at: r.created_at,
    updated_at: r.updated_at,
    editable: mayEdit(r, user),
    link: savedScenarioLink(r.id),
  };
}
