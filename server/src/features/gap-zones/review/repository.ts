import type { Knex } from 'knex';
import { loadQuery } from '../../../db/sql';
import type { ReviewStatus, ZoneLineage } from '../../../domain/gap-zones';

/** SQL of the review of gap zones: every query is a file of sql/queries/gap-zones. */

export interface ZonePlaceRow {
  id: string;
  set_key: string;
  status: 'active' | 'disappeared' | 'merged' | 'split';
  successors: string[];
  communes: string[];
  epcis: string[];
  departements: string[];
  lineage: ZoneLineage[];
}

export async function fetchZonePlace(knex: Knex, id: string): Promise<ZonePlaceRow | null> {
  const { rows } = await knex.raw(loadQuery('gap-zones/zone_place'), { id });
  if (rows.length === 0) return null;
  return { ...rows[0], lineage: JSON.parse(rows[0].lineage) };
}

export interface ReviewRow {
  zone_id: string;
  status: ReviewStatus;
  assignee_id: number | null;
  assignee_name: string | null;
  version: number;
  updated_at: string;
  updated_by_id: number | null;
  updated_by_name: string | null;
}

const ids = (zoneIds: readonly string[]) => ({ zone_ids: JSON.stringify(zoneIds) });

export async function fetchReviews(knex: Knex, zoneIds: readonly string[]): Promise<ReviewRow[]> {
  if (zoneIds.length === 0) return [];
  const { rows } = await knex.raw(loadQuery('gap-zones/reviews'), ids(zoneIds));
  return rows;
}

/** The review of a zone locked for a change (created first, à examiner, when there is none). */
export async function lockReview(
  trx: Knex,
  zone_id: string,
): Promise<Pick<ReviewRow, 'status' | 'assignee_id' | 'assignee_name' | 'version'>> {
  await trx.raw(loadQuery('gap-zones/review_ensure'), { zone_id });
  const { rows } = await trx.raw(loadQuery('gap-zones/review_lock'), { zone_id });
  return rows[0];
}

export async function writeReview(
  trx: Knex,
  row: {
    zone_id: string;
    status: ReviewStatus;
    assignee_id: number | null;
    assignee_name: string | null;
    version: number;
    actor_id: number;
    actor_name: string;
  },
): Promise<void> {
  await trx.raw(loadQuery('gap-zones/review_write'), row);
}

export interface CommentRow {
  id: number;
  zone_id: string;
  body: string;
  author_id: number;
  author_name: string;
  created_at: string;
}

export async function insertComment(
  trx: Knex,
  row: { zone_id: string; body: string; author_id: number; author_name: string },
): Promise<CommentRow> {
  const { rows } = await trx.raw(loadQuery('gap-zones/comment_add'), row);
  return rows[0];
}

export interface DecisionRow {
  id: number;
  zone_id: string;
  body: string;
  decided_on: string;
  link_kind: 'facility' | 'scenario' | null;
  link_ref: string | null;
  author_id: number;
  author_name: string;
  created_at: string;
}

export async function insertDecision(
  trx: Knex,
  row: Omit<DecisionRow, 'id' | 'created_at'>,
): Promise<DecisionRow> {
  const { rows } = await trx.raw(loadQuery('gap-zones/decision_add'), row);
  return rows[0];
}

export async function appendAudit(
  trx: Knex,
  entry: {
    zone_id: string;
    actor_id: number;
    actor_name: string;
    action: 'review' | 'comment' | 'decision';
    before: object | null;
    after: object;
  },
): Promise<void> {
  await trx.raw(loadQuery('gap-zones/audit_add'), {
    ...entry,
    before: entry.before === null ? null : JSON.stringify(entry.before),
    after: JSON.stringify(entry.after),
  });
}

export interface AuditRow {
  id: number;
  zone_id: string;
  at: string;
  actor_id: number;
  actor_name: string;
  action: 'review' | 'comment' | 'decision';
  before: string | null;
  after: string;
}

export async function fetchHistory(
  knex: Knex,
  zoneIds: readonly string[],
): Promise<{ comments: CommentRow[]; decisions: DecisionRow[]; audit: AuditRow[] }> {
  if (zoneIds.length === 0) return { comments: [], decisions: [], audit: [] };
  // One query at a time: PGlite runs them so anyway, and the server mode loses little.
  const comments = (await knex.raw(loadQuery('gap-zones/history_comments'), ids(zoneIds))).rows;
  const decisions = (await knex.raw(loadQuery('gap-zones/history_decisions'), ids(zoneIds))).rows;
  const audit = (await knex.raw(loadQuery('gap-zones/history_audit'), ids(zoneIds))).rows;
  return { comments, decisions, audit };
}

export async function fetchDecisions(
  knex: Knex,
  zoneIds: readonly string[],
): Promise<DecisionRow[]> {
  if (zoneIds.length === 0) return [];
  return (await knex.raw(loadQuery('gap-zones/history_decisions'), ids(zoneIds))).rows;
}

export async function fetchLineage(knex: Knex, key: string): Promise<ZoneLineage[]> {
  return (await knex.raw(loadQuery('gap-zones/lineage'), { key })).rows;
}
