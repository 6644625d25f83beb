import { describe, expect, it } from 'vitest';
import { seesExactChildminderFigures } from './visibility';

describe('who sees exact childminder figures', () => {
  it('admins do; the public, planners and reviewers see the figures under secrecy', () => {
    expect(seesExactChildminderFigures({ role: 'admin' })).toBe(true);
    expect(seesExactChildminderFigures({ role: 'planner' })).toBe(false);
    expect(seesExactChildminderFigures({ role: 'reviewer' })).toBe(false);
    expect(seesExactChildminderFigures(null)).toBe(false);
  });
});
