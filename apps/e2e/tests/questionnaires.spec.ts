import { expect, test, type Page } from "@playwright/test";
import { authFile, expectAccessible, PASSWORD, screenshot, signInWithForm } from "./fixtures.js";

/**
 * A victim the domestic-abuse worker records herself (a new family on her caseload). Not the seeded
 * canary victim: the worker facilitates that victim's perpetrator's group, so the information barrier
 * refuses her writing anything about that victim.
 */
async function newVictim(page: Page): Promise<{ id: string; name: string }> {
  const uniq = Date.now().toString(36).toUpperCase().slice(-6);
  await page.goto("/families/new");
  await page.getByLabel("Case reference").fill(`QW-${uniq}`);
  await page.getByLabel("Family name").fill(`Qwell ${uniq}`);
  await page.getByRole("button", { name: "Record family" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Qwell ${uniq}` })).toBeVisible();
  const familyId = page.url().split("/families/")[1]!.split(/[?#]/)[0]!;
  await page.goto(`/families/${familyId}/people/new`);
  await page.getByLabel("Adult", { exact: true }).check();
  await page.getByLabel("Role in the family").selectOption({ label: "Victim" });
  await page.getByLabel("First name").fill("Rosa");
  await page.getByLabel("Last name").fill(`Qwell${uniq}`);
  await page.getByLabel("Person reference").fill(`QV-${uniq}`);
  await page.getByRole("button", { name: "Add person" }).click();
  await expect(page.getByText(`Rosa Qwell${uniq} added to the family`)).toBeVisible();
  const href = await page.getByRole("link", { name: `Questionnaires for Rosa Qwell${uniq}` }).getAttribute("href");
  return { id: href!.split("/people/")[1]!.split("/")[0]!, name: `Rosa Qwell${uniq}` };
}

test.describe("questionnaires in the participant's language", () => {
  test.use({ storageState: authFile("dv_worker") });

  test("[QUESTIONNAIRES]: answered in Arabic, right to left, the saved score equals the English score for the same answers", async ({ page }) => {
    test.setTimeout(120_000);
    // Its own session: the hand-over locks it until the worker's password is entered (participant-lock.spec.ts).
    await page.context().clearCookies();
    await signInWithForm(page, "dv_worker");
    const rosa = await newVictim(page);
    await page.goto(`/people/${rosa.id}/questionnaires`);
    await expect(page.getByRole("heading", { level: 1, name: `Questionnaires: ${rosa.name}` })).toBeVisible();
    await page.getByLabel("Questionnaire", { exact: true }).selectOption({ label: "Safety and Confidence Scale (demo, 5 items)" });
    await expect(page.getByTestId("language-choice")).toBeVisible();
    await expectAccessible(page, "person questionnaires");

    // The worker records the answers in English at the interim time point.
    // Hand-worked score: item 1 is reverse-scored: (4 − 1) + 3 + 4 + 2 + 3 = 15.
    const form = page.getByRole("form", { name: "Record a response" });
    await form.getByRole("group", { name: "Time point" }).getByLabel("Interim").check();
    const english: [string, string][] = [
      ["I feel afraid of my partner or ex-partner", "A little"],
      ["I feel able to keep myself and my children safe", "Mostly"],
      ["I understand what abusive behaviour is", "Completely"],
      ["I have people I can turn to", "Somewhat"],
      ["I feel in control of my life", "Mostly"],
    ];
    for (const [question, answer] of english) await form.getByRole("group", { name: new RegExp(question) }).getByLabel(answer, { exact: true }).check();
    await form.getByRole("button", { name: "Save response" }).click();
    await expect(page.getByText("Saved: Interim score 15")).toBeVisible();

    // The same answers, given by the participant in Arabic at follow-up.
    await page.getByLabel("Language for the participant").selectOption("ar");
    await page.getByRole("button", { name: "Hand over for follow-up" }).click();
    const view = page.getByTestId("participant-view");
    await expect(view).toHaveAttribute("dir", "rtl");
    await expect(view).toHaveAttribute("lang", "ar");
    // Handed over on a tablet: no way into the staff navigation from here.
    await expect(page.getByRole("link", { name: "Families", exact: true })).toBeHidden();
    await expect(view.getByRole("heading", { level: 1 })).toHaveText("مقياس الأمان والثقة (نموذج تجريبي، 5 أسئلة)");
    // Right to left: a question's text starts at the right-hand edge.
    const legend = await view.getByText("أشعر بالخوف من شريكي أو شريكي السابق").boundingBox();
    const viewBox = await view.boundingBox();
    expect(legend!.x + legend!.width).toBeGreaterThan(viewBox!.x + viewBox!.width - 80);
    await expectAccessible(page, "participant view in Arabic");
    await screenshot(page, "questionnaire-arabic");
    const arabic: [string, string][] = [
      ["أشعر بالخوف من شريكي أو شريكي السابق", "قليلاً"],
      ["أشعر أنني قادر على الحفاظ على سلامتي وسلامة أطفالي", "في الغالب"],
      ["أفهم ما هو السلوك المسيء", "تماماً"],
      ["لدي أشخاص يمكنني اللجوء إليهم", "إلى حد ما"],
      ["أشعر أنني أتحكم في حياتي", "في الغالب"],
    ];
    // Finishing with a question unanswered asks (in Arabic) for every answer.
    // The error summary takes focus, its title in Arabic, and every unanswered question is marked (issue #22).
    await view.getByRole("button", { name: "إنهاء" }).click();
    const problems = view.locator(".govuk-error-summary");
    await expect(problems).toBeFocused();
    await expect(problems.getByRole("heading")).toHaveText("يرجى الإجابة على كل الأسئلة.");
    await expect(view.locator(".govuk-form-group--error")).toHaveCount(arabic.length);
    await expectAccessible(page, "participant view in Arabic with unanswered questions");
    for (const [question, answer] of arabic) await view.getByRole("group", { name: new RegExp(question) }).getByLabel(answer, { exact: true }).check();
    await expect(view.locator(".govuk-form-group--error")).toHaveCount(0);
    await view.getByRole("button", { name: "إنهاء" }).click();
    await expect(page.getByTestId("participant-thanks")).toContainText("شكراً لك");

    await page.getByRole("link", { name: "Back to the worker view" }).click();
    await page.getByLabel("Your password").fill(PASSWORD);
    await page.getByRole("button", { name: "Unlock and go back to my work" }).click();
    const scores = page.getByTestId(/^scores-SAFE5$/);
    await expect(scores.getByTestId("score-interim")).toHaveText("15");
    await expect(scores.getByTestId("score-follow_up")).toHaveText("15");
    await expect(scores.getByRole("row", { name: /Follow-up/ })).toContainText("Arabic");
    await screenshot(page, "questionnaire-scores");
    // Kept: after a reload both saved scores are shown.
    await page.reload();
    await expect(page.getByTestId(/^scores-SAFE5$/).getByTestId("score-interim")).toHaveText("15");
    await expect(page.getByTestId(/^scores-SAFE5$/).getByTestId("score-follow_up")).toHaveText("15");
  });
});

test.describe("translation completeness", () => {
  test.use({ storageState: authFile("admin") });

  test("[QUESTIONNAIRES]: an admin sees how complete each language is, and the drafts are marked", async ({ page }) => {
    await page.goto("/questionnaires");
    await expect(page.getByRole("heading", { level: 1, name: "Questionnaires and translations" })).toBeVisible();
    // Safety and Confidence Scale: the name and 5 items × (text + 5 answers) = 31 strings.
    const safe = page.getByTestId("completeness-SAFE5");
    for (const language of ["Arabic", "Urdu", "Polish"]) await expect(safe.getByRole("row", { name: new RegExp(language) })).toContainText("31 of 31 (100%)");
    await expect(safe.getByText("Machine-assisted draft").first()).toBeVisible();
    await expect(page.getByRole("table", { name: /Participant texts/ })).toContainText("Machine-assisted draft, to be checked by a qualified translator");
    await expectAccessible(page, "translations");
    await screenshot(page, "questionnaire-translations");
  });
});
