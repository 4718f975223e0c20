/**
 * The audit log's record picker: type part of a name, press Find, choose the record from the list. Only
 * records an administrator may see are found (staff accounts, training records, teams, logic models,
 * courses); a case record's id is typed under Advanced.
 */
import { Button, Input, Select } from "@evident/ui";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api, errorInfo } from "../../lib/trpc.js";

export function RecordPicker({ value, onChange }: { value: string; onChange: (id: string) => void }) {
  const [typed, setTyped] = useState("");
  const [search, setSearch] = useState("");
  const [tooShort, setTooShort] = useState(false);
  const found = useQuery({ ...api.admin.audit.subjects.queryOptions({ search }), enabled: search.length >= 2, retry: false });
  const find = () => {
    const s = typed.trim();
    setTooShort(s.length < 2);
    if (s.length >= 2) {
      setSearch(s);
      onChange("");
    }
  };
  const items = found.data ?? [];
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-one-half">
        <Input
          id="record-search"
          label="Record"
          hint="Part of the name of a member of staff, team, logic model or course"
          value={typed}
          error={tooShort ? "Enter at least 2 letters of the record's name" : found.isError ? errorInfo(found.error).message : undefined}
          onChange={(e) => setTyped(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              find();
            }
          }}
        />
        <Button variant="secondary" onClick={find}>
          Find
        </Button>
      </div>
      <div className="govuk-grid-column-one-half">
        {search && found.data ? (
          <Select
            id="record-choice"
            label={`Records matching “${search}”`}
            hint={items.length === 0 ? "Nothing matches. Try another part of the name." : undefined}
            value={value}
            onChange={(e) => onChange(e.target.value)}
            options={[{ value: "", label: items.length ? "Any record" : "No match" }, ...items.map((x) => ({ value: x.id, label: `${x.name}: ${x.kind.toLowerCase()}` }))]}
          />
        ) : null}
      </div>
    </div>
  );
}
