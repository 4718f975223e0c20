/**
 * Group commit for the audit rows of reads.
 *
 * Every read of a person's record writes an audit row, and the reply waits
 * until that row is durable. Committing each row on its own costs a WAL flush
 * per request; instead, rows that arrive while a write is in flight wait and
 * go together in the next one (one statement, one commit), as PostgreSQL's own
 * group commit does for concurrent transactions. At low load a row is written
 * at once (no added delay); under load a batch holds every row that arrived
 * during the previous flush, up to `maxBatch`.
 *
 * The guarantee is unchanged: `append` resolves only after the commit that
 * holds the row, and rejects when that commit fails (the request then fails
 * and returns nothing).
 */
export interface AuditQueue<Row> {
  /** Resolves once `row` is committed. */
  append(row: Row): Promise<void>;
  /** Resolves when every row appended so far is written (or has failed). */
  drain(): Promise<void>;
}

interface Waiting<Row> {
  row: Row;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export function createAuditQueue<Row>(write: (rows: Row[]) => Promise<void>, options: { maxBatch?: number } = {}): AuditQueue<Row> {
  const maxBatch = options.maxBatch ?? 500;
  let waiting: Waiting<Row>[] = [];
  let flushing: Promise<void> | null = null;

  async function flushLoop(): Promise<void> {
    while (waiting.length > 0) {
      const batch = waiting.slice(0, maxBatch);
      waiting = waiting.slice(batch.length);
      try {
        await write(batch.map((w) => w.row));
        for (const w of batch) w.resolve();
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
    }
  }

  function kick() {
    if (flushing) return;
    flushing = flushLoop().finally(() => {
      flushing = null;
      // Rows appended in the same tick as the loop's end.
      if (waiting.length > 0) kick();
    });
  }

  return {
    append(row) {
      return new Promise<void>((resolve, reject) => {
        waiting.push({ row, resolve, reject });
        kick();
      });
    },
    async drain() {
      while (flushing) await flushing;
    },
  };
}
