/**
 * The participant view: a questionnaire in the participant's language, laid
 * out right to left for Arabic and Urdu (dir and lang on the content), for a
 * worker to hand over on a tablet. Anything untranslated is shown in English
 * and marked, never blank. Answers are sent as item ids and option values,
 * so the score does not depend on the language.
 *
 * Opening it hands the session over (session.handover.lock): from then on the
 * server allows only this questionnaire, every other page shows the lock screen
 * (handover.tsx), and the worker's password is needed to go back.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { ErrorMessage, ErrorSummary } from "@evident/ui";
import { Link, useParams, useSearchParams } from "react-router";
import { Loading, QueryError } from "../../components/errors.js";
import { useAuth } from "../../lib/auth.js";
import { api, errorInfo } from "../../lib/trpc.js";
import { LANGUAGE_LABEL, TIME_POINT_LABEL } from "./labels.js";
import "./participant.css";

type Shown = { text: string; lang: string; fallback: boolean };

/** A string in its own language; English fallbacks are marked. */
function Text({ s }: { s: Shown }) {
  if (!s.fallback) return <>{s.text}</>;
  return (
    <span lang="en" dir="ltr">
      {s.text} <strong className="govuk-tag govuk-tag--grey app-fallback-tag">English</strong>
    </span>
  );
}

const TIME_POINTS = ["entry", "interim", "exit", "follow_up"] as const;

export default function ParticipantPage() {
  const { personId = "" } = useParams();
  const [search] = useSearchParams();
  const instrumentId = search.get("instrument") ?? "";
  const timePoint = (TIME_POINTS as readonly string[]).includes(search.get("timePoint") ?? "") ? (search.get("timePoint") as (typeof TIME_POINTS)[number]) : "entry";
  const lang = ["en", "ar", "ur", "pl"].includes(search.get("lang") ?? "") ? (search.get("lang") as "en" | "ar" | "ur" | "pl") : undefined;
  const links = { ...(search.get("enrolment") ? { enrolmentId: search.get("enrolment")! } : {}), ...(search.get("hubCase") ? { hubCaseId: search.get("hubCase")! } : {}) };
  const queryClient = useQueryClient();
  const auth = useAuth();
  const handover = useMutation(api.session.handover.lock.mutationOptions());
  const locked = !!auth.me?.handover;
  // Hand the session over before the questionnaire is shown.
  useEffect(() => {
    if (locked || !handover.isIdle) return;
    handover.mutate({ personId, instrumentId }, { onSuccess: () => void queryClient.invalidateQueries({ queryKey: api.session.me.queryKey() }) });
  }, [locked, handover, personId, instrumentId, queryClient]);
  const offer = useQuery({ ...api.questionnaires.offer.queryOptions({ personId, instrumentId, ...(lang ? { language: lang } : {}) }), enabled: locked });
  const create = useMutation(api.questionnaires.responses.create.mutationOptions());
  const [answers, setAnswers] = useState<Record<string, number>>({});
  const [problem, setProblem] = useState<string | null>(null);
  // After a failed submit the unanswered questions are marked (and unmarked as they are answered).
  const [tried, setTried] = useState(false);
  const [saved, setSaved] = useState<{ score: number | null } | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // Hand-over mode: the staff navigation is hidden while this view is open.
  useEffect(() => {
    document.body.classList.add("app-handover");
    return () => document.body.classList.remove("app-handover");
  }, []);
  useEffect(() => {
    if (offer.data) {
      document.title = `${offer.data.localised.name.text} – Evident`;
      heading.current?.focus();
    }
  }, [offer.data]);
  if (handover.isError) return <QueryError error={handover.error} what="Handing over this device" />;
  if (!locked || offer.isPending) return <Loading what="Loading the questionnaire" />;
  if (offer.isError) return <QueryError error={offer.error} what="The questionnaire" />;
  const o = offer.data;
  const q = o.localised;
  const back = `/people/${personId}/questionnaires?${new URLSearchParams({ instrument: instrumentId, ...(links.enrolmentId ? { enrolment: links.enrolmentId } : {}), ...(links.hubCaseId ? { hubCase: links.hubCaseId } : {}) }).toString()}`;

  const submit = async () => {
    setProblem(null);
    setTried(true);
    if (q.items.some((i) => answers[i.id] === undefined)) return;
    try {
      const r = await create.mutateAsync({ personId, instrumentId, timePoint, completedAt: new Date().toISOString(), answers, language: o.language, ...links });
      setSaved({ score: r.score });
      await queryClient.invalidateQueries({ queryKey: api.questionnaires.pathKey() });
    } catch (error) {
      setProblem(errorInfo(error).message);
    }
  };

  const unanswered = tried ? q.items.map((item, n) => ({ item, n })).filter(({ item }) => answers[item.id] === undefined) : [];

  return (
    <>
      <div className="govuk-body-s" lang="en" dir="ltr">
        For the worker: {LANGUAGE_LABEL[o.language]}, {TIME_POINT_LABEL[timePoint]!.toLowerCase()}.{" "}
        {o.reviewStatusLabel ? `Translation: ${o.reviewStatusLabel.toLowerCase()}.` : ""}
        {q.outOfDate ? " This translation was made for an earlier version of the questionnaire." : ""}
        {q.fallbackCount > 0 ? ` ${q.fallbackCount} text(s) are not translated and are shown in English.` : ""}{" "}
        <Link className="govuk-link" to={back}>
          Back to the worker view
        </Link>
      </div>
      <div lang={o.language} dir={q.dir} data-testid="participant-view" className="app-participant">
        <h1 className="govuk-heading-l" tabIndex={-1} ref={heading} style={{ outline: "none" }}>
          <Text s={q.name} />
        </h1>
        {saved ? (
          <div className="govuk-panel govuk-panel--confirmation" data-testid="participant-thanks">
            <div className="govuk-panel__body">
              <Text s={o.texts.thanks} />
            </div>
          </div>
        ) : (
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void submit();
            }}
          >
            <p className="govuk-body">
              <Text s={o.texts.consent} />
            </p>
            <p className="govuk-body">
              <Text s={o.texts.instructions} />
            </p>
            {/* The summary takes focus when Finish fails; its title is in the participant's language, each unanswered question a link. */}
            <ErrorSummary title={unanswered.length ? o.texts.required.text : undefined} errors={unanswered.map(({ item, n }) => ({ href: `p-${item.id}-${item.options[0]?.value}`, text: `${n + 1}. ${item.text.text}` }))} description={problem ?? undefined} />
            {q.items.map((item, n) => {
              const missing = tried && answers[item.id] === undefined;
              return (
              <div className={missing ? "govuk-form-group govuk-form-group--error" : "govuk-form-group"} key={item.id}>
                <fieldset className="govuk-fieldset" aria-describedby={missing ? `p-${item.id}-error` : undefined}>
                  <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">
                    {n + 1}. <Text s={item.text} />
                  </legend>
                  {missing ? (
                    <ErrorMessage id={`p-${item.id}-error`}>
                      <Text s={o.texts.required} />
                    </ErrorMessage>
                  ) : null}
                  <div className="govuk-radios govuk-radios--small">
                    {item.options.map((opt) => {
                      const id = `p-${item.id}-${opt.value}`;
                      return (
                        <div className="govuk-radios__item" key={opt.value}>
                          <input className="govuk-radios__input" id={id} type="radio" name={`p-${item.id}`} value={opt.value} onChange={() => setAnswers((a) => ({ ...a, [item.id]: opt.value }))} />
                          <label className="govuk-label govuk-radios__label" htmlFor={id}>
                            <Text s={opt.label} />
                          </label>
                        </div>
                      );
                    })}
                  </div>
                </fieldset>
              </div>
              );
            })}
            <button type="submit" className="govuk-button" disabled={create.isPending}>
              <Text s={o.texts.submit} />
            </button>
          </form>
        )}
      </div>
    </>
  );
}
