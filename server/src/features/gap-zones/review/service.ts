import type { Knex } from 'knex';
import type {
  AuditEntry,
  ReviewList,
  ZoneComment,
  ZoneDecision,
  ZoneReview,
  ZoneReviewAnswer,
  decisionBody,
  reviewListQuery,
  reviewPatchBody,
} from '../../../../../contract';
import type { z } from 'zod';
import { scopeCovers, type Place, type SignedInUser } from '../../../domain/accounts';
import { Conflict, InvalidInput, NotFound } from '../../../domain/errors';
import {
  REVIEW_STATUS_LABEL,
  UNREVIEWED,
  predecessorsOf,
  reviewChange,
  type ReviewState,
} from '../../../domain/gap-zones';
import { gapZoneAnswer } from '../answer';
import {
  appendAudit,
  fetchDecisions,
  fetchHistory,
  fetchLineage,
  fetchReviews,
  fetchZonePlace,
  insertComment,
  insertDecision,
  lockReview,
  writeReview,
  type AuditRow,
  type CommentRow,
  type DecisionRow,
  type ReviewRow,
  type ZonePlaceRow,
} from './repository';
import { sideSetKey, type GapZoneService } from '../service';

/** Where a zone lies, as the accounts' scope rule reads it. */
export const placeOf = (
  zone: Pick<ZonePlaceRow, 'communes' | 'epcis' | 'departements'>,
): Place => ({
  communes: zone.communes,
  epcis: zone.epcis,
  departements: zone.departements,
});

/** The author of a change as stored: the user's id and the name they had then. */
const authorOf = (user: SignedInUser) => ({ id: user.id, name: user.displayName || user.login });

/**
 * The review of gap zones: reading a zone's review with its history (and the history of the
 * retired zones it carries), changing it, commenting, deciding, and the list for a comité.
 * Every change writes its row and its audit entry in one transaction. Who may call what is the
 * routes' business (review-routes.ts); this service trusts the user it is given.
 */
/** An account as the review needs it, to check and name an assignee. */
export type FindAccount = (
  id: number,
) => Promise<
  (Pick<SignedInUser, 'id' | 'displayName' | 'role' | 'territories'> & { disabled: boolean }) | null
>;

/** A saved scenario by id, for a decision linking to it (null: none has this id). */
export type FindScenario = (id: number) => Promise<{ id: number; name: string } | null>;

export class GapZoneReviewService {
  constructor(
    readonly knex: Knex,
    private readonly zones: GapZoneService,
    private readonly findAccount: FindAccount,
    private readonly findScenario: FindScenario,
  ) {}

  /**
   * A decision's link as stored: a scenario link names a saved scenario, by its id or its link
   * (`/projet-mam?scenario=18`), and is stored as its id; a 400 when none has that id.
   */
  private async linkOf(link: z.output<typeof decisionBody>['link']) {
    if (!link || link.kind !== 'scenario') return link ?? null;
    const id = scenarioIdOf(link.ref);
    const refuse = (message: string) =>
      new InvalidInput(`Invalid request: body.link.ref: ${message}`, {
        details: [{ field: 'body.link.ref', message }],
      });
    if (id === null) {
      throw refuse('must be a saved scenario’s id (18) or link (/projet-mam?scenario=18)');
    }
    if (!(await this.findScenario(id))) throw refuse(`no saved scenario ${id}`);
    return { kind: 'scenario' as const, ref: String(id) };
  }

  /** A zone, active or retired, with where it lies; NotFound when no computation made it. */
  async zone(id: string): Promise<ZonePlaceRow> {
    const zone = await fetchZonePlace(this.knex, id);
    if (!zone) {
      throw new NotFound(`Unknown gap zone "${id}"`, {
        details: { field: 'params.id' },
      });
    }
    return zone;
  }

  async read(zone: ZonePlaceRow): Promise<ZoneReviewAnswer> {
    const predecessors = predecessorsOf(zone.id, zone.lineage);
    const all = [zone.id, ...predecessors.map((p) => p.id)];
    const [reviews, history] = [
      await fetchReviews(this.knex, all),
      await fetchHistory(this.knex, all),
    ];
    const of = (id: string) => ({
      review: toReview(
        id,
        reviews.find((r) => r.zone_id === id),
      ),
      comments: history.comments.filter((c) => c.zone_id === id).map(toComment),
      decisions: history.decisions.filter((d) => d.zone_id === id).map(toDecision),
      audit: history.audit.filter((a) => a.zone_id === id).map(toAudit),
    });
    return {
      zone: {
        id: zone.id,
        status: zone.status,
        successors: zone.successors,
        communes: zone.communes,
        epcis: zone.epcis,
        departements: zone.departements,
      },
      ...of(zone.id),
      inherited: predecessors.map((p) => ({
        zone_id: p.id,
        status: p.status,
        via: p.via,
        ...of(p.id),
      })),
    };
  }

  /** The account put in charge: active and working on the zone's territory, named as it is. */
  private async assigneeFor(zone: ZonePlaceRow, id: number) {
    const refuse = (message: string) =>
      new InvalidInput(`Cannot put user ${id} in charge: ${message}`, {
        details: [{ field: 'body.assignee.id', message }],
      });
    const account = await this.findAccount(id);
    if (!account || account.disabled) throw refuse('no active account has this id');
    if (!scopeCovers(account, placeOf(zone)))
      throw refuse('this user does not work on the zone’s territory');
    return { id: account.id, name: account.displayName };
  }

  async changeReview(
    zone: ZonePlaceRow,
    patch: z.output<typeof reviewPatchBody>,
    user: SignedInUser,
  ): Promise<ZoneReview> {
    assertActive(zone);
    const actor = authorOf(user);
    const assignee = patch.assignee
      ? await this.assigneeFor(zone, patch.assignee.id)
      : patch.assignee;
    await this.knex.transaction(async (trx) => {
      const row = await lockReview(trx, zone.id);
      const current: ReviewState = {
        status: row.status,
        assignee:
          row.assignee_id === null ? null : { id: row.assignee_id, name: row.assignee_name! },
        version: row.version,
      };
      const { next, before, after } = reviewChange(current, { ...patch, assignee });
      await writeReview(trx, {
        zone_id: zone.id,
        status: next.status,
        assignee_id: next.assignee?.id ?? null,
        assignee_name: next.assignee?.name ?? null,
        version: next.version,
        actor_id: actor.id,
        actor_name: actor.name,
      });
      await appendAudit(trx, {
        zone_id: zone.id,
        actor_id: actor.id,
        actor_name: actor.name,
        action: 'review',
        before,
        after: { ...after, version: next.version },
      });
    });
    const [row] = await fetchReviews(this.knex, [zone.id]);
    return toReview(zone.id, row);
  }

  async addComment(zone: ZonePlaceRow, text: string, user: SignedInUser): Promise<ZoneComment> {
    assertActive(zone);
    const actor = authorOf(user);
    const row = await this.knex.transaction(async (trx) => {
      const comment = await insertComment(trx, {
        zone_id: zone.id,
        body: text,
        author_id: actor.id,
        author_name: actor.name,
      });
      await appendAudit(trx, {
        zone_id: zone.id,
        actor_id: actor.id,
        actor_name: actor.name,
        action: 'comment',
        before: null,
        after: { id: comment.id, text },
      });
      return comment;
    });
    return toComment(row);
  }

  async addDecision(
    zone: ZonePlaceRow,
    body: z.output<typeof decisionBody>,
    user: SignedInUser,
  ): Promise<ZoneDecision> {
    const link = await this.linkOf(body.link);
    assertActive(zone);
    const actor = authorOf(user);
    const row = await this.knex.transaction(async (trx) => {
      const decision = await insertDecision(trx, {
        zone_id: zone.id,
        body: body.text,
        decided_on: body.decided_on,
        link_kind: link?.kind ?? null,
        link_ref: link?.ref ?? null,
        author_id: actor.id,
        author_name: actor.name,
      });
      await appendAudit(trx, {
        zone_id: zone.id,
        actor_id: actor.id,
        actor_name: actor.name,
        action: 'decision',
        before: null,
        after: {
          id: decision.id,
          text: body.text,
          decided_on: body.decided_on,
          link,
        },
      });
      return decision;
    });
    return toDecision(row);
  }

  /** The reviews of some zones by id (a zone never reviewed: à examiner, version 0). */
  async reviewsOf(zoneIds: readonly string[]): Promise<Map<string, ZoneReview>> {
    const rows = await fetchReviews(this.knex, zoneIds);
    return new Map(
      zoneIds.map((id) => [
        id,
        toReview(
          id,
          rows.find((r) => r.zone_id === id),
        ),
      ]),
    );
  }

  /**
   * The active zones of a criterion in the territories `user` works on (every zone for an
   * admin), by children affected, with their review, decisions and inherited history.
   */
  async list(q: z.output<typeof reviewListQuery>, user: SignedInUser): Promise<ReviewList> {
    const answer = await gapZoneAnswer(this.zones, {
      level: q.level,
      code: q.code,
      criterion: q.criterion,
      minutes: q.minutes,
      status: 'active',
      format: 'geojson',
    });
    const features = answer.features.filter((f) =>
      scopeCovers(user, {
        communes: f.properties.communes.map((c) => c.code),
        epcis: f.properties.epcis.map((e) => e.code),
        departements: f.properties.departements,
      }),
    );
    const ids = features.map((f) => f.id);
    const reviews = await this.reviewsOf(ids);
    const decisions = await fetchDecisions(this.knex, ids);
    const { criterion, minutes, share } = answer.metadata;
    const key = sideSetKey(
      criterion === 'sans_offre'
        ? { kind: criterion, minutes }
        : { kind: criterion, share: share! },
      await this.zones.sideOf(q.level ?? null, q.code ?? null),
    );
    const lineage = await fetchLineage(this.knex, key);
    const zones = features
      .map((f) => ({
        zone_id: f.id,
        children_under3: f.properties.children_under3,
        places_missing: f.properties.places_missing,
        communes: f.properties.communes,
        departements: f.properties.departements,
        review: reviews.get(f.id)!,
        decisions: decisions.filter((d) => d.zone_id === f.id).map(toDecision),
        inherited_from: predecessorsOf(f.id, lineage).map((p) => p.id),
      }))
      .filter(
        (z) =>
          (q.review_status === undefined || z.review.status === q.review_status) &&
          (q.assignee === undefined || z.review.assignee?.id === q.assignee),
      );
    return {
      metadata: {
        criterion: answer.metadata.criterion,
        minutes: answer.metadata.minutes,
        year: answer.metadata.year,
        fictional: answer.metadata.fictional,
      },
      zones,
    };
  }
}

/** The id of a saved scenario named by its id (`18`, `sc-18`) or its link; null otherwise. */
export function scenarioIdOf(ref: string): number | null {
  const m = /^(?:sc-)?([0-9]{1,9})$/.exec(ref) ?? /[?&]scenario=([0-9]{1,9})(?:[&#]|$)/.exec(ref);
  return m ? Number(m[1]) : null;
}

/** A retired zone's history is read-only: its review goes on in its successors. */
function assertActive(zone: ZonePlaceRow) {
  if (zone.status === 'active') return;
  const where = zone.successors.length > 0 ? ` (see ${zone.successors.join(', ')})` : '';
  throw new Conflict(
    `Zone ${zone.id} is no longer active (${zone.status}): its review goes on in the zones holding its cells${where}`,
  );
}

function toReview(zone_id: string, row: ReviewRow | undefined): ZoneReview {
  const state = row ?? { ...UNREVIEWED, assignee_id: null, assignee_name: null };
  return {
    zone_id,
    status: state.status,
    status_label: REVIEW_STATUS_LABEL[state.status],
    assignee:
      row && row.assignee_id !== null ? { id: row.assignee_id, name: row.assignee_name! } : null,
    version: state.version,
    updated_at: row?.updated_at ?? null,
    updated_by:
      row && row.updated_by_id !== null
        ? { id: row.updated_by_id, name: row.updated_by_name! }
        : null,
  };
}

const toComment = (r: CommentRow): ZoneComment => ({
  id: r.id,
  zone_id: r.zone_id,
  text: r.body,
  author: { id: r.author_id, name: r.author_name },
  created_at: r.created_at,
});

const toDecision = (r: DecisionRow): ZoneDecision => ({
  id: r.id,
  zone_id: r.zone_id,
  text: r.body,
  decided_on: r.decided_on,
  link: r.link_kind && r.link_ref ? { kind: r.link_kind, ref: r.link_ref } : null,
  author: { id: r.author_id, name: r.author_name },
  created_at: r.created_at,
});

const toAudit = (r: AuditRow): AuditEntry => ({
  id: r.id,
  zone_id: r.zone_id,
  at: r.at,
  actor: { id: r.actor_id, name: r.actor_name },
  action: r.action,
  before: r.before === null ? null : JSON.parse(r.before),
  after: JSON.parse(r.after),
});
