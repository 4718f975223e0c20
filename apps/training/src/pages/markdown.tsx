/**
 * A module's Markdown as React elements (react-markdown): raw HTML in the
 * content is skipped, never injected, and links go only to http(s) or
 * same-site addresses. Used by the learner's page and the author's preview,
 * so the preview shows exactly what learners will see.
 */
import Markdown from "react-markdown";

/** The page already shows the title as its heading: drop a first "# Title" line that repeats it. */
export function withoutTitle(content: string, title: string): string {
  const m = /^#\s+(.+)\n+/.exec(content);
  return m && m[1]!.trim().toLowerCase() === title.trim().toLowerCase() ? content.slice(m[0].length) : content;
}

export function ModuleMarkdown({ content, title }: { content: string; title: string }) {
  return (
    <div className="govuk-body app-markdown">
      <Markdown
        skipHtml
        components={{
          h1: ({ children }) => <h2 className="govuk-heading-m">{children}</h2>,
          h2: ({ children }) => <h3 className="govuk-heading-s">{children}</h3>,
          h3: ({ children }) => <h4 className="govuk-heading-s">{children}</h4>,
          a: ({ children, href }) => (
            <a className="govuk-link" href={href && /^(https?:|\/)/.test(href) ? href : undefined} rel="noreferrer noopener">
              {children}
            </a>
          ),
        }}
      >
        {withoutTitle(content, title)}
      </Markdown>
    </div>
  );
}
