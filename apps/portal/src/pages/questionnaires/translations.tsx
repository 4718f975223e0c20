/**
 * Questionnaires and their translations: per instrument and language, how
 * many strings are translated, which are missing or out of date (the English
 * changed since), the review status (machine-assisted drafts are marked), and
 * the participant texts; admins and managers edit a language's strings
 * (questionnaires.translations.save, version-checked).
 */
import { Button, Details, ErrorSummary, NotificationBanner, Select, Table, Tag, DraftOfferBanner, useDraft } from "@evident/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Loading, QueryError } from "../../components/errors.js";
import { Page } from "../../components/page.js";
import { useAuth } from "../../lib/auth.js";
import { api, errorInfo } from "../../lib/trpc.js";
import { LANGUAGE_LABEL } from "./labels.js";

type Lang = "ar" | "ur" | "pl";
const pct = (x: number) => `${Math.round(x * 100)}%`;

function Editor({ instrumentId, language, onClose }: { instrumentId: string; language: Lang; onClose: (message: string | null) => void }) {
  const q = useQuery(api.questionnaires.translations.get.queryOptions({ instrumentId, language }));
  const save = useMutation(api.questionnaires.translations.save.mutationOptions());
  const queryClient = useQueryClient();
  const key = `translation:${instrumentId}:${language}`;
  // null: the saved texts, untouched.
  const [texts, setTexts] = useState<Record<string, string> | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const draft = useDraft<Record<string, string>>(key, { changed: texts !== null, restore: setTexts });
  const { keep } = draft;
  useEffect(() => {
    if (texts) keep(texts);
  }, [texts, keep]);
  if (q.isPending) return <Loading what="Loading the translation" />;
  if (q.isError) return <QueryError error={q.error} what="The translation" />;
  const t = q.data;
  const values = texts ?? Object.fromEntries(t.strings.map((s) => [s.key, s.text ?? ""]));
  return (
    <form
      noValidate
      aria-label={`Edit the ${LANGUAGE_LABEL[language]} translation`}
      onSubmit={async (e) => {
        e.preventDefault();
        setProblem(null);
        try {
          await save.mutateAsync({ instrumentId, language, ...(t.translation ? { version: t.translation.version } : {}), texts: Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== "")) });
          draft.saved();
          await queryClient.invalidateQueries({ queryKey: api.questionnaires.translations.pathKey() });
          onClose(`${LANGUAGE_LABEL[language]} translation of ${t.instrument.name} saved.`);
        } catch (error) {
          draft.keepNow(values);
          const info = errorInfo(error);
          setProblem(info.code === "CONFLICT" ? "Someone else saved this translation after you opened it. Your text is kept: reload the page to see theirs, then save again." : info.message);
        }
      }}
    >
      <h2 className="govuk-heading-m">
        {t.instrument.name}: {LANGUAGE_LABEL[language]}
      </h2>
      {problem ? <ErrorSummary errors={[]} description={problem} /> : null}
      <DraftOfferBanner offer={draft.offer} />
      <p className="govuk-body">Empty boxes are shown to participants in English, marked. Saving records the English text each string translates, so later changes to the English show up as out of date.</p>
      <Table
        caption="Strings"
        captionSize="s"
        rows={t.strings}
        rowKey={(s) => s.key}
        columns={[
          { header: "English", cell: (s) => s.english },
          {
            header: LANGUAGE_LABEL[language],
            cell: (s) => (
              <>
                <label className="govuk-visually-hidden" htmlFor={`tr-${s.key}`}>
                  {LANGUAGE_LABEL[language]} for “{s.english}”
                </label>
                <input className="govuk-input" id={`tr-${s.key}`} lang={language} dir={t.dir} value={values[s.key] ?? ""} onChange={(e) => setTexts({ ...values, [s.key]: e.target.value })} />
              </>
            ),
          },
          { header: "State", cell: (s) => (s.state === "translated" ? <Tag colour="green">Translated</Tag> : s.state === "missing" ? <Tag colour="red">Missing</Tag> : <Tag colour="yellow">Out of date</Tag>) },
        ]}
      />
      <div className="govuk-button-group">
        <Button type="submit" disabled={save.isPending}>
          Save translation
        </Button>
        <Button variant="secondary" onClick={() => onClose(null)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

export default function TranslationsPage() {
  const auth = useAuth();
  const q = useQuery(api.questionnaires.translations.completeness.queryOptions());
  const [editing, setEditing] = useState<{ instrumentId: string; language: Lang } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [filter, setFilter] = useState("");
  if (q.isPending) return <Loading what="Loading translations" />;
  if (q.isError) return <QueryError error={q.error} what="Translations" />;
  const canWrite = auth.can("translations:write" as never);
  return (
    <Page title="Questionnaires and translations" caption="English, Arabic, Urdu and Polish">
      <p className="govuk-body">
        Participants are offered a questionnaire in their first language when a current translation exists; otherwise in English with an interpreter. Answers are stored by question and answer
        value, so scores are the same in every language. Open a person&apos;s questionnaires from their family or hub case.
      </p>
      {message ? <NotificationBanner type="success" heading={message} /> : null}
      <Select id="filter" label="Show" value={filter} onChange={(e) => setFilter(e.target.value)} options={[{ value: "", label: "Every language" }, { value: "incomplete", label: "Only languages with untranslated or out-of-date strings" }]} />
      {q.data.instruments.map((ins) => {
        const rows = ins.languages.filter((l) => !filter || l.missing.length + l.outOfDate.length > 0 || l.instrumentOutOfDate);
        return (
          <section key={ins.id} aria-label={`${ins.name}: translations`} data-testid={`completeness-${ins.code}`}>
            <Table
              caption={`${ins.name} (version ${ins.instrumentVersion})`}
              captionSize="s"
              rows={rows}
              rowKey={(l) => l.language}
              columns={[
                { header: "Language", cell: (l) => LANGUAGE_LABEL[l.language] },
                { header: "Translated", numeric: true, cell: (l) => `${l.translated} of ${l.total} (${pct(l.share)})` },
                { header: "Missing", numeric: true, cell: (l) => l.missing.length },
                { header: "Out of date", numeric: true, cell: (l) => l.outOfDate.length + (l.instrumentOutOfDate ? " (older version)" : "") },
                { header: "Review", cell: (l) => (l.reviewStatus === "checked" ? <Tag colour="green">Checked</Tag> : l.reviewStatus ? <Tag colour="yellow">Machine-assisted draft</Tag> : <Tag colour="grey">None</Tag>) },
                ...(canWrite
                  ? [
                      {
                        header: "Change",
                        cell: (l: (typeof rows)[number]) => (
                          <button type="button" className="app-sort-button" onClick={() => (setMessage(null), setEditing({ instrumentId: ins.id, language: l.language as Lang }))}>
                            Edit<span className="govuk-visually-hidden"> {LANGUAGE_LABEL[l.language]} translation of {ins.name}</span>
                          </button>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
            {rows.some((l) => l.missing.length + l.outOfDate.length > 0) ? (
              <Details summary={`Untranslated strings of ${ins.name}`}>
                {rows
                  .filter((l) => l.missing.length + l.outOfDate.length > 0)
                  .map((l) => (
                    <div key={l.language}>
                      <h3 className="govuk-heading-s">{LANGUAGE_LABEL[l.language]}</h3>
                      <ul className="govuk-list govuk-list--bullet">
                        {l.missing.map((m) => (
                          <li key={m.key}>Missing: “{m.english}”</li>
                        ))}
                        {l.outOfDate.map((m) => (
                          <li key={m.key}>
                            Out of date: “{m.english}” (translated from “{m.translatedFrom}”)
                          </li>
                        ))}
                      </ul>
                    </div>
                  ))}
              </Details>
            ) : null}
            {editing?.instrumentId === ins.id ? <Editor key={editing.language} instrumentId={ins.id} language={editing.language} onClose={(m) => (setEditing(null), setMessage(m))} /> : null}
          </section>
        );
      })}
      <Table
        caption="Participant texts (invitations, reminders, consent, instructions)"
        captionSize="s"
        rows={q.data.participantTexts}
        rowKey={(p) => p.language}
        columns={[
          { header: "Language", cell: (p) => LANGUAGE_LABEL[p.language] },
          { header: "Translated", numeric: true, cell: (p) => `${p.translated} of ${p.total}` },
          { header: "Missing", cell: (p) => (p.missing.length ? p.missing.join(", ") : "None") },
          { header: "Review", cell: (p) => (p.reviewStatus === "machine_assisted_draft" ? "Machine-assisted draft, to be checked by a qualified translator" : p.reviewStatus) },
        ]}
      />
    </Page>
  );
}
