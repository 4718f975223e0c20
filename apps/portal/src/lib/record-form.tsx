/**
 * Shared pieces of the record-the-work forms: the family's children as
 * options, the banner for a draft kept after a failed save, and the plain
 * message for a failed save. (Validation rules are the core's schemas.)
 */
import { NotificationBanner, drafts } from "@evident/ui";
import { ZDate } from "@evident/core";
import { z } from "zod";
import { errorInfo } from "./trpc.js";
import type { FamilyDetail } from "./shapes.js";

export const todayIso = () => new Date().toISOString().slice(0, 10);

export const requiredDate = (what: string) => z.string().refine((v) => ZDate.safeParse(v).success, { message: `Enter ${what}, for example 27 3 2025` });
export const optionalDate = (what: string) => z.string().refine((v) => v === "" || ZDate.safeParse(v).success, { message: `${what} must be a real date, for example 27 3 2025` });
export const notFuture = (v: string) => !ZDate.safeParse(v).success || v <= todayIso();

export function childOptions(family: FamilyDetail | undefined) {
  return (family?.people ?? []).filter((p) => p.kind === "child").map((p) => ({ value: p.id, label: p.restricted ? "Restricted child" : `${p.firstName} ${p.lastName}` }));
}

/** The message for a save that failed without field errors. What was typed is always kept. */
export function saveProblem(error: unknown): string {
  const info = errorInfo(error);
  if (info.code === "UNAUTHORIZED") return "Your session has ended. Sign in again in another tab; what you typed is kept here.";
  if (info.code === "INTERNAL_SERVER_ERROR" || !info.code) return `This could not be saved. What you typed is kept on this device.${info.requestId ? ` Reference ${info.requestId}.` : ""}`;
  return `${info.message}. What you typed is kept.`;
}

export function DraftBanner({ draftKey, savedAt, onDiscard }: { draftKey: string; savedAt: string; onDiscard: () => void }) {
  return (
    <NotificationBanner title="Important" heading="We kept what you typed when your last save failed">
      <p className="govuk-body">
        Saved on this device at {new Date(savedAt).toLocaleTimeString("en-GB")}.{" "}
        <button
          type="button"
          className="govuk-link"
          style={{ background: "none", border: 0, padding: 0, cursor: "pointer", font: "inherit" }}
          onClick={() => {
            drafts.clear(draftKey);
            onDiscard();
          }}
        >
          Discard these changes
        </button>
      </p>
    </NotificationBanner>
  );
}
