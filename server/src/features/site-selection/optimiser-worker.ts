/**
 * An optimiser worker thread (run by piscina, see optimiser-pool.ts): one site selection per
 * task, on inputs the request thread has read, its progress posted back (the domain calls it a
 * few times a second at most). HiGHS is loaded once per thread. No database here.
 */
import { progressWorker } from '../../compute/bounded-pool';
import {
  SiteSelectionError,
  highsMipSolver,
  selectSites,
  type SiteSelectionProgress,
} from '../../domain/site-selection';
import type { OptimiserAnswer, OptimiserTask } from './optimiser-pool';

const solver = highsMipSolver(async () => (await import('highs')).default());

async function optimise(
  task: OptimiserTask,
  post: (progress: SiteSelectionProgress) => void,
): Promise<OptimiserAnswer> {
  try {
    const result = await selectSites(
      task.input,
      { ...task.options, clock: () => performance.now(), onProgress: post },
      solver,
    );
    return { result };
  } catch (error) {
    // The class of an error does not cross threads: its code and message do.
    if (error instanceof SiteSelectionError) {
      return { error: { code: error.code, message: error.message, details: error.details } };
    }
    throw error;
  }
}

export default progressWorker(optimise);
