/**
 * Child process for the durability test: opens the embedded database in the
 * folder given as argv[2], then writes rows forever, printing `ack <n>` after
 * each write is acknowledged (alternately an interactive transaction and a
 * single statement). The parent kills it with SIGKILL.
 */
import { createDb } from "../client.js";

const dir = process.argv[2]!;
const prefix = process.argv[3] ?? "w";
const db = await createDb({ dataDir: dir, databaseUrl: null, migrate: true });
process.stdout.write("ready\n");
for (let i = 0; ; i++) {
  const name = `${prefix}-${i}`;
  if (i % 2 === 0) {
    await db.prisma.$transaction(async (tx) => {
      await tx.team.create({ data: { name } });
      await tx.auditLog.create({ data: { action: "durability.write", outcome: "success", entityIds: [name] } });
    });
  } else {
    await db.prisma.team.create({ data: { name } });
  }
  process.stdout.write(`ack ${name}\n`);
}
