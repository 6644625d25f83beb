/**
 * A worker for the pool's tests: posts `count` numbered progress messages (0, 1, …), a few
 * milliseconds apart, then answers `count`; with `count` null it posts until its thread is ended.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { progressWorker } from '../bounded-pool';

export default progressWorker(async (task: { count: number | null }, post: (n: number) => void) => {
  for (let n = 0; task.count === null || n < task.count; n++) {
    post(n);
    await sleep(2);
  }
  return task.count;
});
