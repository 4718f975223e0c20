import { useEffect, useId, useRef, useState, type ReactNode } from "react";
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

/**
 * A heading that takes focus when it appears — the result of a run, the page
 * part a save leads to — so a screen reader reads it out and keyboard users
 * carry on from there (WCAG 4.1.3, 2.4.3). It takes focus once, when mounted.
 */
export function ArrivalHeading({ level = 2, id, className, children }: { level?: 2 | 3; id?: string; className?: string; children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  const Tag = level === 2 ? "h2" : "h3";
  return (
    <Tag ref={ref} id={id} className={className} tabIndex={-1}>
      {children}
    </Tag>
  );
}

/** The phase banner, in its own named region so that no content sits outside a landmark. */
export function PhaseBanner({ tag = "Beta", children }: { tag?: string; children: ReactNode }) {
  return (
    <div className="govuk-phase-banner" role="region" aria-label="Phase">
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
  const titleId = useId();
  // Focus once when it appears (or its message changes), never on a re-render: typing elsewhere must keep its focus.
  const ref = useRef<HTMLDivElement>(null);
  const message = typeof heading === "string" ? heading : undefined;
  useEffect(() => {
    if (focusOnMount) ref.current?.focus();
  }, [focusOnMount, message]);
  return (
    <div
      className={cx("govuk-notification-banner", success && "govuk-notification-banner--success")}
      role={success ? "alert" : "region"}
      aria-labelledby={titleId}
      tabIndex={focusOnMount ? -1 : undefined}
      ref={ref}
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

/**
 * A wide table or figure that scrolls sideways inside its own box, so the page
 * itself reflows at 320 px (WCAG 1.4.10). The box is a named region (`label`,
 * or `labelledBy` the id of a caption) and takes keyboard focus while it has
 * something to scroll, so keyboard users can scroll it with the arrow keys
 * (2.1.1); when everything fits it is not a tab stop.
 */
export function ScrollRegion({ label, labelledBy, children, testId }: { label?: string; labelledBy?: string; children: ReactNode; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const check = () => setScrolls(el.scrollWidth > el.clientWidth + 1);
    check();
    if (typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(check);
    observer.observe(el);
    for (const child of Array.from(el.children)) observer.observe(child);
    return () => observer.disconnect();
  }, []);
  return (
    <div
      ref={ref}
      className="app-table-scroll"
      role={scrolls ? "region" : undefined}
      aria-label={scrolls && !labelledBy ? label : undefined}
      aria-labelledby={scrolls ? labelledBy : undefined}
      tabIndex={scrolls ? 0 : undefined}
      data-testid={testId}
      data-scrolls={scrolls ? "true" : undefined}
    >
      {children}
    </div>
  );
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
  const captionId = useId();
  return (
    <ScrollRegion labelledBy={caption ? captionId : undefined} label="Table">
      <table className="govuk-table">
        {caption ? <caption id={captionId} className={`govuk-table__caption govuk-table__caption--${captionSize}`}>{caption}</caption> : null}
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
    </ScrollRegion>
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
