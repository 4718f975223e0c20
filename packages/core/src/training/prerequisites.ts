/** Course prerequisites: a change that would make a course (indirectly) its own prerequisite is refused. */

/**
 * The cycle a course's new prerequisites would create, as a list of course ids
 * from `courseId` back to itself (e.g. [A, B, A]), or null when there is none.
 * `graph` maps every course id to its current prerequisites; `next` replaces
 * those of `courseId`.
 */
export function prerequisiteCycle(courseId: string, next: readonly string[], graph: ReadonlyMap<string, readonly string[]>): string[] | null {
  const edges = (id: string) => (id === courseId ? next : (graph.get(id) ?? []));
  const seen = new Set<string>();
  const path: string[] = [courseId];
  const visit = (id: string): boolean => {
    for (const p of edges(id)) {
      if (p === courseId) {
        path.push(p);
        return true;
      }
      if (seen.has(p)) continue;
      seen.add(p);
      path.push(p);
      if (visit(p)) return true;
      path.pop();
    }
    return false;
  };
  return visit(courseId) ? path : null;
}
