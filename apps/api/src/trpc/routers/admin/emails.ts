/** The words of the account emails (plain text, plain English). */
import { INVITE_LINK_HOURS } from "@evident/core";
import type { DbClient } from "../../../db.js";
import { enqueueEmail } from "../../../mail/outbox.js";

export function invitationEmail(client: DbClient, m: { to: string; name: string; url: string; again: boolean }, now: Date): Promise<string> {
  return enqueueEmail(
    client,
    {
      to: m.to,
      subject: m.again ? "Your invitation to Evident (sent again)" : "You have been invited to Evident",
      bodyText: `Hello ${m.name},\n\nAn administrator has given you an account on Evident. Set your password to sign in (the link works once, for ${INVITE_LINK_HOURS} hours):\n${m.url}\n\nIf you were not expecting this, ignore this email.`,
      template: m.again ? "invitation_resent" : "invitation",
    },
    now,
  );
}
