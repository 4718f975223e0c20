/** A table's header row of column headings; `numeric(i)` right-aligns the i-th (GOV.UK numeric header). */
export function HeadRow({ headers, numeric }: { headers: string[]; numeric: (i: number) => boolean }) {
  return (
    <tr className="govuk-table__row">
      {headers.map((h, i) => (
        <th key={i} scope="col" className={`govuk-table__header${numeric(i) ? " govuk-table__header--numeric" : ""}`}>
          {h}
        </th>
      ))}
    </tr>
  );
}
