/**
 * At most `limit` calls of the returned function run at once; the others wait, in the order
 * they came, and start as running ones settle (resolved or failed).
 *
 * Tile renders go through one per process: a crowd asking tiles no cache or store holds would
 * otherwise take every connection of the database pool, and the few queries of an isochrone or
 * a list would wait behind hundreds of renders in the pool's queue.
 */
export function concurrencyLimit(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(`a concurrency limit is a positive integer, not ${limit}`);
  }
  let running = 0;
  const waiting: (() => void)[] = [];
  // A settling task hands its place to the first in line, so that no newcomer takes it between.
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= limit) await new Promise<void>((start) => waiting.push(start));
    else running++;
    try {
      return await task();
    } finally {
      release();
    }
  };
}
