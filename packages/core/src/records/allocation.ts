/**
 * Allocating a family to a worker (a manager's decision). A family has at
 * most one lead worker at a time: allocating a new lead ends the current
 * lead's allocation (they stay on as a co-worker only if allocated so). A
 * worker already allocated in the same way is refused, and only staff who
 * work with families (a case role, a current staff record) can hold cases.
 */
export interface CurrentAllocation {
  id: string;
  staffId: string;
  lead: boolean;
  /** Allocated to one person of the family rather than the whole family. */
  personId: string | null;
}

export interface AllocationPlan {
  /** Current allocations to end today. */
  end: string[];
  problem: string | null;
}

/** What allocating a family to a worker changes: the current allocations to end, or the reason it is refused. */
export function planAllocation(current: readonly CurrentAllocation[], target: { staffId: string; lead: boolean }, worker: { caseRole: boolean; left: boolean }): AllocationPlan {
  if (!worker.caseRole) return { end: [], problem: "This person does not work with families (their role cannot hold cases)." };
  if (worker.left) return { end: [], problem: "This person has left." };
  const family = current.filter((a) => a.personId === null);
  const same = family.find((a) => a.staffId === target.staffId);
  if (same && same.lead === target.lead) return { end: [], problem: target.lead ? "This person is already the lead worker." : "This person is already allocated." };
  const end = target.lead ? family.filter((a) => a.lead && a.staffId !== target.staffId).map((a) => a.id) : [];
  // Changing a worker's kind of allocation ends the old one.
  if (same) end.push(same.id);
  return { end, problem: null };
}
