/**
 * A sortable, filterable GOV.UK table on TanStack Table. Column headers are
 * buttons (keyboard-operable) with aria-sort; the filter box narrows rows as
 * you type and announces how many are shown.
 */
import { flexRender, getCoreRowModel, getFilteredRowModel, getSortedRowModel, useReactTable, type ColumnDef, type SortingState } from "@tanstack/react-table";
import { ScrollRegion } from "@evident/ui";
import { useState } from "react";

export function DataTable<T>({ data, columns, caption, filterLabel = "Filter", id, initialSort = [] }: {
  data: T[];
  columns: ColumnDef<T, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
  caption: string;
  filterLabel?: string;
  id: string;
  initialSort?: SortingState;
}) {
  const [sorting, setSorting] = useState<SortingState>(initialSort);
  const [filter, setFilter] = useState("");
  const table = useReactTable({
    data,
    columns,
    state: { sorting, globalFilter: filter },
    onSortingChange: setSorting,
    onGlobalFilterChange: setFilter,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    globalFilterFn: "includesString",
  });
  const shown = table.getRowModel().rows.length;
  return (
    <>
      <div className="govuk-form-group">
        <label className="govuk-label" htmlFor={`${id}-filter`}>
          {filterLabel}
        </label>
        <input className="govuk-input govuk-input--width-20" id={`${id}-filter`} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
      </div>
      <p className="govuk-body-s" role="status" aria-live="polite">
        Showing {shown} of {data.length}
      </p>
      <ScrollRegion labelledBy={`${id}-caption`}>
        <table className="govuk-table" id={id}>
          <caption id={`${id}-caption`} className="govuk-table__caption govuk-table__caption--s govuk-visually-hidden">{caption}</caption>
          <thead className="govuk-table__head">
            {table.getHeaderGroups().map((hg) => (
              <tr className="govuk-table__row" key={hg.id}>
                {hg.headers.map((h) => {
                  const sorted = h.column.getIsSorted();
                  const canSort = h.column.getCanSort();
                  return (
                    <th key={h.id} scope="col" className="govuk-table__header" aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : canSort ? "none" : undefined}>
                      {canSort ? (
                        <button type="button" className="app-sort-button" onClick={h.column.getToggleSortingHandler()}>
                          {flexRender(h.column.columnDef.header, h.getContext())}
                          <span aria-hidden="true">{sorted === "asc" ? " ▲" : sorted === "desc" ? " ▼" : " ⇅"}</span>
                        </button>
                      ) : (
                        flexRender(h.column.columnDef.header, h.getContext())
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody className="govuk-table__body">
            {table.getRowModel().rows.map((row) => (
              <tr className="govuk-table__row" key={row.id}>
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id} className="govuk-table__cell">
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      {shown === 0 ? <p className="govuk-body">No rows match the filter.</p> : null}
    </>
  );
}
