/**
 * A worker for the pool's tests of cooperative cancellation: runs `steps` steps of `step_ms` of
 * CPU each, checking its stop flag between steps once `checkAfter` steps are done (before, it
 * behaves as work that cannot stop). It keeps, as a thread's loaded state, how many tasks it has
 * served and how the last one ended, and answers them with its thread id.
 */
import { threadId } from 'node:worker_threads';
import { poolWorker, TaskStopped } from '../bounded-pool';

export interface StepsTask {
  steps: number;
  step_ms: number;
  checkAfter?: number;
}

export interface StepsAnswer {
  threadId: number;
  /** Tasks this thread has run, this one included. */
  served: number;
  /** Steps done by the previous task of this thread, and whether it was stopped. */
  previous: { steps: number; stopped: boolean } | null;
}

let served = 0;
let previous: StepsAnswer['previous'] = null;

export default poolWorker((task: StepsTask, { stopped }): StepsAnswer => {
  served++;
  const answer = { threadId, served, previous };
  let done = 0;
  try {
    for (; done < task.steps; done++) {
      if (done >= (task.checkAfter ?? 0) && stopped()) throw new TaskStopped();
      const end = performance.now() + task.step_ms;
      while (performance.now() < end);
    }
    return answer;
  } finally {
    previous = { steps: done, stopped: done < task.steps };
  }
});
