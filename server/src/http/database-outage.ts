import type { Logger } from '../logging/logger';

/** What a client is told to wait before retrying while the database cannot be reached. */
export const OUTAGE_RETRY_AFTER_S = 5;

/**
 * The state of the database as the requests see it, so that an outage is logged once when it
 * starts and once when it ends, not once per refused request (a restarting server under load
 * used to write megabytes of identical stacks, each with its SQL).
 */
export class DatabaseOutage {
  private since: number | null = null;
  private refused = 0;

  constructor(
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  get ongoing(): boolean {
    return this.since !== null;
  }

  /** A request found the database unreachable: the first of an outage is logged, by its code only. */
  refusedOne(error: unknown): void {
    this.refused++;
    if (this.since !== null) return;
    this.since = this.now();
    const code = (error as { code?: unknown })?.code;
    this.logger.error(
      { code: typeof code === 'string' ? code : 'connection_lost' },
      `database unreachable: answering 503 (Retry-After ${OUTAGE_RETRY_AFTER_S} s) until it answers again`,
    );
  }

  /** The database answered a query: an outage, if any, is over. */
  answered(): void {
    if (this.since === null) return;
    this.logger.warn(
      { downMs: this.now() - this.since, refusedRequests: this.refused },
      'database reachable again',
    );
    this.since = null;
    this.refused = 0;
  }
}
