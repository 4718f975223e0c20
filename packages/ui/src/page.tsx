import { useEffect, useRef, type ReactNode } from "react";

/** Sets the document title and moves focus to the page heading when the page opens (route change). */
export function Page({ title, caption, children, actions }: { title: string; caption?: ReactNode; children: ReactNode; actions?: ReactNode }) {
  const h1 = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} – Evident`;
    if (document.activeElement === document.body || document.activeElement?.closest("nav, header")) h1.current?.focus();
  }, [title]);
  return (
    <>
      {caption ? <span className="govuk-caption-l">{caption}</span> : null}
      <h1 className="govuk-heading-l" tabIndex={-1} ref={h1} style={{ outline: "none" }}>
        {title}
      </h1>
      {actions}
      {children}
    </>
  );
}
