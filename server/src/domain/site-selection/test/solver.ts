/** The HiGHS solver for tests: loaded once per test file. */
import { highsMipSolver } from '../highs-solver';

export const testSolver = highsMipSolver(async () => (await import('highs')).default());
