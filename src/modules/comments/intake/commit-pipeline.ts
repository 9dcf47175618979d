import { Logger } from '@nestjs/common';
import { Client, type ClientConfig, type QueryConfig, type QueryResult } from 'pg';

/** Pipelined connections per API instance; a draft's statements always take the same one. */
export const PIPELINES = 2;

/**
 * Dedicated pipelined connections for the one-statement group commits. A draft's statements go out
 * on one connection, each sent as soon as it is planned without waiting for the answers before it,
 * and PostgreSQL runs them in the order they were sent, one right after the other.
 *
 * On pooled connections, the batches in flight for one draft raced each other for the log row: a
 * batch that reached it before the one it was planned on found the older head, came back empty and
 * was sent again (with four batches in flight, three in five statements were), and between two
 * batches PostgreSQL waited for this process to answer the first and send the next.
 */
export class CommitPipeline {
  private readonly logger = new Logger(CommitPipeline.name);
  private readonly clients: Array<Promise<Client> | null> = Array(PIPELINES).fill(null);
  private readonly pending = new Set<Promise<unknown>>();
  private closed = false;

  /** `options`: how to connect (the pool's own settings). */
  constructor(private readonly options: () => ClientConfig) {}

  /** Sends the statement on the draft's connection; answers in the order the statements were sent. */
  query(draftId: string, config: QueryConfig): Promise<QueryResult> {
    if (this.closed) return Promise.reject(new Error('commit pipeline closed'));
    const slot = slotOf(draftId);
    const result = this.connection(slot).then((client) => client.query(config));
    this.pending.add(result);
    const settle = () => this.pending.delete(result);
    result.then(settle, settle);
    return result;
  }

  /** Waits for the statements already sent, then disconnects. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.pending]);
    await Promise.allSettled(this.clients.map((c) => c?.then((client) => client.end())));
  }

  private connection(slot: number): Promise<Client> {
    const existing = this.clients[slot];
    if (existing) return existing;
    const client = new Client({ ...this.options(), pipeline: true });
    const forget = () => {
      if (this.clients[slot] === connecting) this.clients[slot] = null;
    };
    // A lost connection (PostgreSQL restarting) fails the statements on it, which the caller plans
    // again under the lock; the next statement opens a new connection.
    client.on('error', (err) => {
      this.logger.warn(`commit pipeline connection lost: ${err.message}`);
      forget();
    });
    client.on('end', forget);
    const connecting = client.connect().then(
      () => client,
      (err: unknown) => {
        forget();
        throw err;
      },
    );
    this.clients[slot] = connecting;
    return connecting;
  }
}

/** The connection a draft's statements take: stable for the draft, spread over the pipelines. */
function slotOf(draftId: string): number {
  let h = 0;
  for (let i = 0; i < draftId.length; i++) h = (h * 31 + draftId.charCodeAt(i)) | 0;
  return Math.abs(h) % PIPELINES;
}
