/**
 * Finding a family in one's caseload or team by name or case reference, for
 * forms that pick a family (or a person in it): a search box and the matching
 * open families as options. With no search yet it offers the first page of
 * the caseload, so small caseloads need no typing.
 */
import { Input } from "@evident/ui";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../lib/trpc.js";

export function useFamilySearch(options: { open?: boolean } = {}) {
  const [search, setSearch] = useState("");
  const term = search.trim();
  const families = useQuery(api.families.list.queryOptions({ ...(options.open === undefined ? {} : { open: options.open }), limit: 100, ...(term.length >= 2 ? { search: term } : {}) }));
  const items = families.data?.items ?? [];
  return {
    families,
    options: items.map((f) => ({ value: f.id, label: `${f.name} (${f.reference})` })),
    searchBox: (id: string) => (
      <Input id={id} label="Search families (optional)" hint="Type at least 2 letters of the family name or case reference" autoComplete="off" width={20} value={search} onChange={(e) => setSearch(e.target.value)} />
    ),
    term,
  };
}
