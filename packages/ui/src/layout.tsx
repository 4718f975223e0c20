import type { ReactNode } from "react";
import { cx } from "./util.js";

export function SkipLink({ href = "#main-content", children = "Skip to main content" }: { href?: string; children?: ReactNode }) {
  return (
    <a href={href} className="govuk-skip-link">
      {children}
    </a>
  );
}

export interface NavItem {
  href: string;
  text: string;
  current?: boolean;
}

/**
 * The page header: the product name "Evident" (not the GOV.UK crown: this is
 * a trust's service, not GOV.UK) and the service navigation with the
 * signed-in user's links at the end. `renderLink` lets a router render links.
 */
export function Header({
  serviceName = "Evident",
  homeHref = "/",
  navigation = [],
  end,
  renderLink,
}: {
  serviceName?: string;
  homeHref?: string;
  navigation?: NavItem[];
  end?: ReactNode;
  renderLink?: (item: { href: string; className: string; children: ReactNode; current?: boolean }) => ReactNode;
}) {
  const link = renderLink ?? ((p) => (
    <a href={p.href} className={p.className} aria-current={p.current ? "page" : undefined}>
      {p.children}
    </a>
  ));
  return (
    <>
      <header className="govuk-header" role="banner">
        <div className="govuk-header__container govuk-width-container">
          <div className="govuk-header__logo">
            {link({ href: homeHref, className: "govuk-header__homepage-link", children: <span className="govuk-header__product-name" style={{ marginLeft: 0 }}>{serviceName}</span> })}
          </div>
        </div>
      </header>
      <section aria-label="Service information" className="govuk-service-navigation">
        <div className="govuk-width-container">
          <div className="govuk-service-navigation__container">
            {navigation.length > 0 || end ? (
              <nav aria-label="Menu" className="govuk-service-navigation__wrapper">
                <ul className="govuk-service-navigation__list" id="navigation" style={{ display: "flex", flexWrap: "wrap" }}>
                  {navigation.map((item) => (
                    <li key={item.href} className={cx("govuk-service-navigation__item", item.current && "govuk-service-navigation__item--active")}>
                      {link({
                        href: item.href,
                        className: "govuk-service-navigation__link",
                        current: item.current,
                        children: item.current ? <strong className="govuk-service-navigation__active-fallback">{item.text}</strong> : item.text,
                      })}
                    </li>
                  ))}
                  {end}
                </ul>
              </nav>
            ) : null}
          </div>
        </div>
      </section>
    </>
  );
}

export function PhaseBanner({ tag = "Beta", children }: { tag?: string; children: ReactNode }) {
  return (
    <div className="govuk-phase-banner">
      <p className="govuk-phase-banner__content">
        <strong className="govuk-tag govuk-phase-banner__content__tag">{tag}</strong>
        <span className="govuk-phase-banner__text">{children}</span>
      </p>
    </div>
  );
}

export function Footer({ children }: { children?: ReactNode }) {
  return (
    <footer className="govuk-footer">
      <div className="govuk-width-container">
        <div className="govuk-footer__meta">
          <div className="govuk-footer__meta-item govuk-footer__meta-item--grow">{children}</div>
        </div>
      </div>
    </footer>
  );
}

export function Panel({ title, children }: { title: ReactNode; children?: ReactNode }) {
  return (
    <div className="govuk-panel govuk-panel--confirmation">
      <h1 className="govuk-panel__title">{title}</h1>
      {children ? <div className="govuk-panel__body">{children}</div> : null}
    </div>
  );
}

export function NotificationBanner({
  type,
  title,
  heading,
  children,
  focusOnMount,
}: {
  type?: "success";
  title?: string;
  heading?: ReactNode;
  children?: ReactNode;
  focusOnMount?: boolean;
}) {
  const success = type === "success";
  const titleId = `nb-title-${Math.random().toString(36).slice(2, 8)}`;
  return (
    <div
      className={cx("govuk-notification-banner", success && "govuk-notification-banner--success")}
      role={success ? "alert" : "region"}
      aria-labelledby={titleId}
      tabIndex={focusOnMount ? -1 : undefined}
      ref={focusOnMount ? (el) => el?.focus() : undefined}
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id={titleId}>
          {title ?? (success ? "Success" : "Important")}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        {heading ? <p className="govuk-notification-banner__heading">{heading}</p> : null}
        {children}
      </div>
    </div>
  );
}

export type TagColour = "grey" | "green" | "turquoise" | "blue" | "light-blue" | "purple" | "pink" | "red" | "orange" | "yellow";

export function Tag({ colour, children }: { colour?: TagColour; children: ReactNode }) {
  return <strong className={cx("govuk-tag", colour && `govuk-tag--${colour}`)}>{children}</strong>;
}

export interface SummaryRow {
  key: ReactNode;
  value: ReactNode;
  actions?: ReactNode;
}

export function SummaryList({ rows, noBorder }: { rows: SummaryRow[]; noBorder?: boolean }) {
  return (
    <dl className={cx("govuk-summary-list", noBorder && "govuk-summary-list--no-border")}>
      {rows.map((row, i) => (
        <div className="govuk-summary-list__row" key={i}>
          <dt className="govuk-summary-list__key">{row.key}</dt>
          <dd className="govuk-summary-list__value">{row.value}</dd>
          {row.actions ? <dd className="govuk-summary-list__actions">{row.actions}</dd> : null}
        </div>
      ))}
    </dl>
  );
}

export interface TableColumn<T> {
  header: ReactNode;
  cell: (row: T) => ReactNode;
  numeric?: boolean;
  key?: string;
}

/** A plain GOV.UK table. For sorting and filtering, the apps use TanStack Table with the same classes. */
export function Table<T>({ caption, captionSize = "m", columns, rows, rowKey, firstCellIsHeader }: {
  caption?: ReactNode;
  captionSize?: "s" | "m" | "l";
  columns: TableColumn<T>[];
  rows: T[];
  rowKey?: (row: T, index: number) => string;
  firstCellIsHeader?: boolean;
}) {
  return (
    <div className="app-table-scroll">
      <table className="govuk-table">
        {caption ? <caption className={`govuk-table__caption govuk-table__caption--${captionSize}`}>{caption}</caption> : null}
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            {columns.map((c, i) => (
              <th key={c.key ?? i} scope="col" className={cx("govuk-table__header", c.numeric && "govuk-table__header--numeric")}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {rows.map((row, r) => (
            <tr className="govuk-table__row" key={rowKey ? rowKey(row, r) : r}>
              {columns.map((c, i) =>
                firstCellIsHeader && i === 0 ? (
                  <th key={c.key ?? i} scope="row" className="govuk-table__header">
                    {c.cell(row)}
                  </th>
                ) : (
                  <td key={c.key ?? i} className={cx("govuk-table__cell", c.numeric && "govuk-table__cell--numeric")}>
                    {c.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function WarningText({ children }: { children: ReactNode }) {
  return (
    <div className="govuk-warning-text">
      <span className="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <strong className="govuk-warning-text__text">
        <span className="govuk-visually-hidden">Warning</span>
        {children}
      </strong>
    </div>
  );
}

export function InsetText({ children }: { children: ReactNode }) {
  return <div className="govuk-inset-text">{children}</div>;
}

export function Details({ summary, children, open }: { summary: ReactNode; children: ReactNode; open?: boolean }) {
  return (
    <details className="govuk-details" open={open}>
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">{summary}</span>
      </summary>
      <div className="govuk-details__text">{children}</div>
    </details>
  );
}
