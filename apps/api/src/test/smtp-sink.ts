/**
 * A real SMTP server for tests (the `smtp-server` package) that keeps every
 * message it receives: the API's sender delivers to it over the network, as it
 * would to a trust's mail relay. Plain SMTP on a free loopback port, no
 * STARTTLS or authentication.
 */
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  from: string;
  to: string[];
  /** The raw message (headers and body). */
  raw: string;
}

export interface SmtpSink {
  url: string;
  port: number;
  messages: ReceivedMail[];
  /** Resolves with the first message to `address` (waits up to `ms`). */
  waitFor(address: string, ms?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

/** The set-password link in a message (quoted-printable soft breaks undone). */
export function linkIn(raw: string): string | null {
  const body = raw.replace(/=\r?\n/g, "").replace(/=3D/g, "=");
  return body.match(/https?:\/\/[^\s]+token=[A-Za-z0-9_%-]+/)?.[0] ?? null;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    async waitFor(address, ms = 10_000) {
      const until = Date.now() + ms;
      for (;;) {
        const found = messages.find((m) => m.to.includes(address.toLowerCase()));
        if (found) return found;
        if (Date.now() > until) throw new Error(`no email to ${address} within ${ms} ms`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
