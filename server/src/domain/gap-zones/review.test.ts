import { describe, expect, it } from 'vitest';
import { Conflict, InvalidInput } from '../errors';
import { UNREVIEWED, predecessorsOf, reviewChange, type ZoneLineage } from './review';

const alice = { id: 7, name: 'Alice Martin' };
const bruno = { id: 9, name: 'Bruno Petit' };

describe('a change of review', () => {
  it('records only the fields that change, before and after, and adds 1 to the version', () => {
    const current = { status: 'confirmee' as const, assignee: alice, version: 3 };
    const change = reviewChange(current, { version: 3, status: 'action_prevue', assignee: alice });
    expect(change).toEqual({
      next: { status: 'action_prevue', assignee: alice, version: 4 },
      before: { status: 'confirmee' },
      after: { status: 'action_prevue' },
    });
  });

  it('records an assignee taken off as null', () => {
    const current = { status: 'a_examiner' as const, assignee: alice, version: 1 };
    const change = reviewChange(current, { version: 1, assignee: null });
    expect(change.before).toEqual({ assignee: alice });
    expect(change.after).toEqual({ assignee: null });
  });

  it('lets any status follow any other: a comité may reopen a zone it set aside', () => {
    const setAside = { status: 'ecartee' as const, assignee: null, version: 5 };
    expect(reviewChange(setAside, { version: 5, status: 'a_examiner' }).next.status).toBe(
      'a_examiner',
    );
  });

  it('refuses a change made against another version, naming the current one', () => {
    const current = { status: 'confirmee' as const, assignee: bruno, version: 2 };
    const stale = () => reviewChange(current, { version: 1, status: 'ecartee' });
    expect(stale).toThrow(Conflict);
    expect(stale).toThrow(/version 2, not 1/);
  });

  it('refuses a change that leaves the review as it is', () => {
    expect(() => reviewChange(UNREVIEWED, { version: 0, status: 'a_examiner' })).toThrow(
      InvalidInput,
    );
    expect(() => reviewChange(UNREVIEWED, { version: 0 })).toThrow(InvalidInput);
  });
});

describe('the history a zone carries', () => {
  const zones: ZoneLineage[] = [
    { id: 'gz-a', status: 'split', successors: ['gz-b', 'gz-c'] },
    { id: 'gz-b', status: 'active', successors: [] },
    { id: 'gz-c', status: 'merged', successors: ['gz-d'] },
    { id: 'gz-d', status: 'active', successors: [] },
    { id: 'gz-e', status: 'disappeared', successors: [] },
  ];

  it('is that of the zones split into it, and of their own predecessors, nearest first', () => {
    expect(predecessorsOf('gz-b', zones)).toEqual([{ id: 'gz-a', status: 'split', via: 'gz-b' }]);
    expect(predecessorsOf('gz-d', zones)).toEqual([
      { id: 'gz-c', status: 'merged', via: 'gz-d' },
      { id: 'gz-a', status: 'split', via: 'gz-c' },
    ]);
  });

  it('is nothing for a zone nobody handed anything to', () => {
    expect(predecessorsOf('gz-e', zones)).toEqual([]);
    expect(predecessorsOf('gz-a', zones)).toEqual([]);
  });
});
