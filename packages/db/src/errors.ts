/** The embedded database folder exists but cannot be opened. Never answered by re-initialising it. */
export class DataDirError extends Error {
  override readonly name = "DataDirError";
  constructor(
    readonly dataDir: string,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(
      [
        `The embedded database in ${dataDir} could not be opened: ${problem}.`,
        "Evident has not changed or re-created it, so nothing in it has been lost.",
        "To restore:",
        `  1. stop every Evident process using it;`,
        `  2. move the folder aside: mv "${dataDir}" "${dataDir}.broken-$(date +%Y%m%d%H%M%S)";`,
        `  3. restore your latest backup (made with \`npm run db:backup -w @evident/db\`): npm run db:restore -w @evident/db -- <backup.tgz>`,
        `     (or, for demo data only, leave the folder absent: it is created and seeded again on the next start);`,
        "  4. start Evident again.",
        "Or point EVIDENT_DATA_DIR at another folder.",
      ].join("\n"),
      options,
    );
  }
}

/** A migration could not be applied; the transaction was rolled back. */
export class MigrationError extends Error {
  override readonly name = "MigrationError";
  constructor(
    readonly migration: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`Migration ${migration} failed and was rolled back: ${message}`, options);
  }
}

/** The committed migrations and the database disagree (edited or unknown migration). */
export class MigrationDriftError extends Error {
  override readonly name = "MigrationDriftError";
}
