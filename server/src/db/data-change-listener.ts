import pg from 'pg';

/** The channel migration 027's triggers notify when the data version may have changed. */
export const DATA_CHANGED_CHANNEL = 'berceau_data_changed';

/**
 * A session of its own that LISTENs for changes of the data (server mode), so that the data
 * version (data-versions.ts) is read once per change rather than at every request.
 *
 * `listening` is true only while the LISTEN is in place: from then on, any commit that changes
 * the version is followed by a notification. `generation` goes up at every notification, at every
 * loss of the session and when listening starts again, so a version read before any of those is
 * never kept. While the session is lost, callers read the version at every request (as without
 * a listener) and the listener tries again every `retryMs`.
 */
export class DataChangeListener {
  listening = false;
  generation = 0;
  private client: pg.Client | null = null;
  private closed = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(
    private readonly connectionString: string,
    private readonly retryMs = 1000,
  ) {}

  /** Starts listening; resolves once the LISTEN is in place or has failed (then retried). */
  async start(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({
      connectionString: this.connectionString,
      application_name: 'berceau data-change listener',
    });
    this.client = client;
    const lost = () => {
      if (this.client !== client) return;
      this.client = null;
      this.listening = false;
      this.generation++;
      client.end().catch(() => undefined);
      if (!this.closed) this.retry = setTimeout(() => void this.start(), this.retryMs);
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', () => {
      this.generation++;
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${DATA_CHANGED_CHANNEL}`);
      if (this.client !== client) return;
      // Reads made before now may predate a change that was never notified to us.
      this.generation++;
      this.listening = true;
    } catch {
      lost();
    }
  }

  /** The backend's process id (for tests that cut the session). */
  async backendPid(): Promise<number | null> {
    if (!this.client || !this.listening) return null;
    const { rows } = await this.client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    return rows[0]?.pid ?? null;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    this.listening = false;
    this.generation++;
    await client?.end().catch(() => undefined);
  }
}
