/**
 * The review of gap zones by officials: a status, an assignee, a version for optimistic
 * concurrency, and what each change records in the audit trail. A zone retired by a
 * recomputation (merged, split) hands its history down to its successors: `predecessorsOf`
 * finds, for a zone, the retired zones whose history it carries. Pure: the feature reads and
 * writes the rows, this module says what a change is. See docs/gap-zones.md, "Review".
 */
import { Conflict, InvalidInput } from '../errors';
import type { RetiredStatus } from './identity';

export const REVIEW_STATUSES = ['a_examiner', 'confirmee', 'action_prevue', 'ecartee'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** How the dashboard and the exports name each status. */
export const REVIEW_STATUS_LABEL: Record<ReviewStatus, string> = {
  a_examiner: 'à examiner',
  confirmee: 'confirmée',
  action_prevue: 'action prévue',
  ecartee: 'écartée',
};

/** The longest comment or decision text (characters). */
export const REVIEW_TEXT_MAX_CHARS = 4000;

export interface PersonRef {
  id: number;
  name: string;
}

export interface ReviewState {
  status: ReviewStatus;
  assignee: PersonRef | null;
  /** 0 for a zone never reviewed; each change adds 1. */
  version: number;
}

/** The review of a zone nobody has changed yet. */
export const UNREVIEWED: ReviewState = { status: 'a_examiner', assignee: null, version: 0 };

export interface ReviewPatch {
  /** The version the change was made against: another one means someone changed it meanwhile. */
  version: number;
  status?: ReviewStatus;
  /** null: nobody; absent: unchanged. */
  assignee?: PersonRef | null;
}

/**
 * The review after `patch`, and what the audit trail records of it: the fields that changed,
 * before and after. Every status may follow every other (a comité may reopen a zone it set
 * aside, or set aside one it had confirmed): the trail, not a state machine, keeps the path.
 * A stale version is a Conflict naming the current one; a patch changing nothing is refused.
 */
export function reviewChange(
  current: ReviewState,
  patch: ReviewPatch,
): { next: ReviewState; before: Partial<ReviewState>; after: Partial<ReviewState> } {
  if (patch.version !== current.version) {
    throw new Conflict(
      `The review of this zone changed meanwhile (version ${current.version}, not ${patch.version}): reload it and try again`,
    );
  }
  const before: Partial<ReviewState> = {};
  const after: Partial<ReviewState> = {};
  if (patch.status !== undefined && patch.status !== current.status) {
    before.status = current.status;
    after.status = patch.status;
  }
  if (patch.assignee !== undefined && !samePerson(patch.assignee, current.assignee)) {
    before.assignee = current.assignee;
    after.assignee = patch.assignee;
  }
  if (Object.keys(after).length === 0) {
    throw new InvalidInput('Invalid request: body: the change leaves the review as it is', {
      details: [{ field: 'body', message: 'give a new status or a new assignee' }],
    });
  }
  return {
    next: { ...current, ...after, version: current.version + 1 },
    before,
    after,
  };
}

function samePerson(a: PersonRef | null, b: PersonRef | null): boolean {
  return a === null || b === null ? a === b : a.id === b.id;
}

/** A zone as the identity rule left it: active, or retired with its successors. */
export interface ZoneLineage {
  id: string;
  status: 'active' | RetiredStatus;
  successors: readonly string[];
}

export interface Predecessor {
  /** The retired zone whose history is carried. */
  id: string;
  /** How it was retired: `merged` (into one zone) or `split` (into several). */
  status: Exclude<RetiredStatus, 'disappeared'>;
  /** The zone it handed its history to on the way (the asked zone, or a nearer predecessor). */
  via: string;
}

/**
 * The retired zones whose history `zoneId` carries: those listing it among their successors,
 * then theirs, nearest first (a zone split twice carries both ancestors). A zone that
 * disappeared has no successor, so its history stays its own (listed with `status=all`).
 */
export function predecessorsOf(zoneId: string, zones: readonly ZoneLineage[]): Predecessor[] {
  const found: Predecessor[] = [];
  const seen = new Set([zoneId]);
  let frontier = [zoneId];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const via of frontier) {
      const parents = zones
        .filter((z) => z.status !== 'active' && !seen.has(z.id) && z.successors.includes(via))
        .sort((a, b) => (a.id < b.id ? -1 : 1));
      for (const p of parents) {
        seen.add(p.id);
        found.push({ id: p.id, status: p.status as Predecessor['status'], via });
        next.push(p.id);
      }
    }
    frontier = next;
  }
  return found;
}
