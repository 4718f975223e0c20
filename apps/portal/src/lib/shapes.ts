/**
 * Output shapes the screens rely on where the API's inferred output type is
 * wider than what it returns (its `families.get` and `programmes.groups.get`
 * map rows through helpers typed `Record<string, unknown>`, so the router
 * TYPE loses the person and group fields). Each is checked against the API's
 * select lists (apps/api/src/trpc/routers/{families,programmes}/router.ts).
 * Remove when the API's output types carry the fields.
 */
import type { TSafetyChecks } from "@evident/core";
import type { RouterOutputs } from "./trpc.js";

export interface FamilyPerson {
  id: string;
  reference: string;
  firstName: string;
  lastName: string;
  kind: "child" | "adult";
  birthDate: string | null;
  restricted: boolean;
  familyRole: string;
}

export type FamilyDetail = Omit<RouterOutputs["families"]["get"], "people"> & { people: FamilyPerson[] };

type GroupListItem = RouterOutputs["programmes"]["groups"]["list"]["items"][number];

export interface GroupSessionRow {
  id: string;
  number: number;
  startsAt: string;
  durationMinutes: number;
  cancelled: boolean;
}

export interface GroupEnrolmentRow {
  id: string;
  personId: string;
  programmeId: string;
  groupId: string | null;
  status: "referred" | "started" | "completed" | "withdrawn";
  referredAt: string | null;
  startedAt: string | null;
  completedAt: string | null;
  withdrawnAt: string | null;
  withdrawalReason: string | null;
  /** Stored at referral (null for older referrals). */
  safetyChecks: TSafetyChecks | null;
  version: number;
  person: { firstName: string; lastName: string };
}

export type GroupDetail = Omit<GroupListItem, "startDate"> & { startDate: string; sessions: GroupSessionRow[]; enrolments: GroupEnrolmentRow[] };
