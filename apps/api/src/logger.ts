/**
 * Structured logs (pino). Logs carry request ids, user ids, procedure paths,
 * status codes and timings, never request or response bodies, names, emails,
 * cookies or tokens. Anything that might carry them is redacted as a second
 * line of defence.
 */
import { pino, type Logger } from "pino";

export type { Logger };

export function createLogger(options: { level?: string; destination?: pino.DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? process.env.LOG_LEVEL ?? "info",
      base: { service: "evident-api" },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: [
          "headers.cookie",
          "headers.authorization",
          "*.headers.cookie",
          "*.headers.authorization",
          "password",
          "*.password",
          "email",
          "*.email",
          "token",
          "*.token",
          "body",
          "*.body",
          "input",
          "*.input",
        ],
        censor: "[redacted]",
      },
      serializers: {
        err: (err: unknown) => {
          // Keep the type and stack for operators, but drop any attached request data.
          if (err instanceof Error) {
            const code = (err as { code?: unknown }).code;
            // Database errors can quote the values of a query in their message: keep only the type and code.
            if (/prisma|postgres|pglite|sql/i.test(`${err.name} ${err.constructor?.name ?? ""}`) || /prisma/i.test(err.message)) {
              return { type: err.name, code: typeof code === "string" ? code : undefined };
            }
            return { type: err.name, message: err.message.slice(0, 500), stack: err.stack, code: typeof code === "string" ? code : undefined };
          }
          return { type: typeof err };
        },
      },
    },
    options.destination,
  );
}

/** A logger that writes nothing (tests that do not inspect logs). */
export function silentLogger(): Logger {
  return pino({ level: "silent" });
}
