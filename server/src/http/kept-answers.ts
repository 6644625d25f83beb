import { LRUCache } from 'lru-cache';
import { detached } from '../db/cancellable';

/**
 * Answers (JSON text) kept by a key that holds the data version they were made for (see
 * `dataVersionEtag`), so that a crowd asking for the same détail, facilities or catalogue gets
 * it without its queries: a new version makes new keys, and the old answers age out of the
 * memory (least recently used first). Concurrent asks for one key share one making; a making
 * that fails is not kept. Per process, like every cache of the API: several processes each keep
 * their own, all checked against the version in PostgreSQL.
 *
 * Never for an answer with exact figures (a signed-in viewer's): the caller keys by viewer and
 * keeps only answers that withhold what statistical secrecy withholds.
 */
export class KeptAnswers {
  private readonly kept: LRUCache<string, string>;
  private readonly making = new Map<string, Promise<string>>();

  constructor(maxCharacters: number) {
    this.kept = new LRUCache<string, string>({
      maxSize: maxCharacters,
      sizeCalculation: (text) => Math.max(1, text.length),
    });
  }

  /** The kept answer of `key`, or the one `make` makes (then kept). */
  get(key: string, make: () => Promise<unknown>): Promise<string> {
    const kept = this.kept.get(key);
    if (kept !== undefined) return Promise.resolve(kept);
    const inFlight = this.making.get(key);
    if (inFlight) return inFlight;
    // Shared with every later ask: not stopped by the request that made it going away.
    const text = detached(async () => JSON.stringify(await make()));
    this.making.set(key, text);
    const done = () => this.making.delete(key);
    text.then((value) => {
      done();
      this.kept.set(key, value);
    }, done);
    return text;
  }
}
