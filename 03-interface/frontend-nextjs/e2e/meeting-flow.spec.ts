import { readFileSync } from "node:fs";

import { expect, test } from "@playwright/test";

import { LANGUAGE_NAMES, MAX_TITLE_LENGTH } from "../src/lib/api/limits";

import { PROCESSING_TIMEOUT_MS, logIn, logOut, newAccount, register, screenshot, workerLogTail } from "./helpers";
import { recording } from "./paths";

// One person's journey, then a second person who must not see it: the tests share the meeting.
test.describe.configure({ mode: "serial" });
test.use({ baseURL: process.env.E2E_BASE_URL });

const owner = newAccount("Ada Lovelace");
let meetingUrl = "";

test("a person uploads a recording, reads and corrects its transcript, exports it and logs out", async ({ page }) => {
  const consoleErrors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });

  await test.step("register, log out and log in again", async () => {
    await page.goto("/login");
    await screenshot(page, "01-login");
    await page.goto("/register");
    await screenshot(page, "02-register");
    await register(page, owner);
    await expect(page.getByText("No meetings yet.")).toBeVisible();
    await screenshot(page, "03-dashboard-empty");
    await logOut(page);
    await logIn(page, owner);
  });

  await test.step("upload a real recording and watch the upload progress", async () => {
    await page.getByRole("link", { name: "Upload a recording" }).click();
    await expect(page.getByRole("heading", { name: "Upload a recording" })).toBeVisible();
    // Nothing is sent while the form is invalid.
    await page.getByRole("button", { name: "Upload and transcribe" }).click();
    await expect(page.getByText("Choose a file.")).toBeVisible();

    // The form offers what the API accepts (from its spec): every Whisper language, its title length.
    const languages = page.getByLabel("Language").locator("option");
    await expect(languages).toHaveCount(Object.keys(LANGUAGE_NAMES).length + 1);
    await expect(languages.first()).toHaveText("Detect automatically");
    await expect(languages.nth(1)).toHaveText("French");
    await expect(page.getByLabel("Title")).toHaveAttribute("maxlength", String(MAX_TITLE_LENGTH));

    await page.locator('input[type="file"]').setInputFiles(recording("ami/trn03.wav"));
    await expect(page.getByLabel("Title")).toHaveValue("trn03");
    await page.getByLabel("Title").fill("Project meeting excerpt");
    await page.getByLabel("Language").selectOption("en");
    await page.getByLabel("Exactly").check();
    await page.getByLabel("Number of speakers").fill("2");
    await screenshot(page, "04-upload-form");

    // Slow the upload down so its progress is visible (localhost would finish in a blink).
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: 20,
      downloadThroughput: -1,
      uploadThroughput: 400 * 1024,
    });
    await page.getByRole("button", { name: "Upload and transcribe" }).click();
    const uploadBar = page.getByRole("progressbar", { name: "Upload progress" });
    await expect(uploadBar).toBeVisible();
    await expect(page.getByText(/Uploading… [3-9]\d%/)).toBeVisible();
    await screenshot(page, "05-upload-progress");
    await page.waitForURL(/\/meetings\/[0-9a-f-]{36}$/, { timeout: 60_000 });
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    meetingUrl = new URL(page.url()).pathname;
  });

  await test.step("see the processing status move on the dashboard without reloading", async () => {
    await page.getByRole("link", { name: "Meetings", exact: true }).click();
    const row = page.getByTestId("meeting-row").filter({ hasText: "Project meeting excerpt" });
    await expect(row).toBeVisible();
    await expect(row.getByRole("status")).toHaveText(/Waiting|%|Fetching|Preparing|Finding|Recognising|Transcribing|Putting|Saving|Ready/);
    await screenshot(page, "06-dashboard-processing");
    await expect(row.getByRole("status"), `the worker did not finish; its log ends:\n${workerLogTail()}`).toHaveText(
      "Ready",
      { timeout: PROCESSING_TIMEOUT_MS },
    );
    await screenshot(page, "07-dashboard-ready");
  });

  await test.step("open the transcript: turns with speaker names, clicking a line seeks", async () => {
    await page.getByRole("link", { name: "Project meeting excerpt" }).click();
    await expect(page.getByRole("heading", { name: "Transcript" })).toBeVisible();
    const turns = page.getByTestId("speaker-turn");
    await expect(turns.first()).toBeVisible();
    await expect(turns.first()).toContainText(/Speaker \d/);
    const lines = page.getByRole("button", { name: /^Play from/ });
    expect(await lines.count(), "a 30 s meeting excerpt has several transcript lines").toBeGreaterThan(1);

    const lastLine = lines.last();
    await lastLine.click();
    await expect(lastLine).toHaveAttribute("aria-current", "true");
    const position = await page.locator("audio").evaluate((audio: HTMLAudioElement) => audio.currentTime);
    expect(position, "clicking a line moves the player to it").toBeGreaterThan(1);
    await screenshot(page, "08-meeting-transcript");
  });

  await test.step("rename a speaker for the whole meeting", async () => {
    const firstSpeaker = page.getByTestId("speaker").first();
    await firstSpeaker.getByLabel(/^Rename Speaker 1/).fill("Maria Rossi");
    await firstSpeaker.getByRole("button", { name: "Rename" }).click();
    await expect(firstSpeaker).toContainText("Maria Rossi");
    await expect(page.getByTestId("speaker-turn").filter({ hasText: "Maria Rossi" }).first()).toBeVisible();
    await screenshot(page, "09-meeting-renamed");
  });

  await test.step("enroll the other speaker's voice as a new person of the voice bank", async () => {
    const secondSpeaker = page.getByTestId("speaker").nth(1);
    await secondSpeaker.getByText("This is…").click();
    await secondSpeaker.getByLabel("Or add a new person with this voice").fill("Luca Bianchi");
    await secondSpeaker.getByRole("button", { name: "Enroll new person" }).click();
    await expect(secondSpeaker.getByText("Luca Bianchi was added to your voice bank.")).toBeVisible();
    await expect(page.getByTestId("speaker-turn").filter({ hasText: "Luca Bianchi" }).first()).toBeVisible();
  });

  await test.step("play with the keyboard: a focused line seeks on Enter", async () => {
    const firstLine = page.getByRole("button", { name: /^Play from/ }).first();
    await firstLine.focus();
    await page.keyboard.press("Enter");
    await expect(firstLine).toHaveAttribute("aria-current", "true");
  });

  await test.step("export the transcript as SRT with the new name", async () => {
    const downloading = page.waitForEvent("download");
    await page.getByRole("link", { name: /Export as SRT/ }).click();
    const download = await downloading;
    const path = await download.path();
    const srt = readFileSync(path, "utf8");
    expect(srt).toMatch(/^1\r?\n\d{2}:\d{2}:\d{2},\d{3} --> \d{2}:\d{2}:\d{2},\d{3}/);
    expect(srt).toContain("Maria Rossi");

    for (const format of ["txt", "vtt", "json", "docx", "pdf"]) {
      const exported = await page.request.get(`/api${meetingUrl}/export?format=${format}`);
      expect(exported.status(), `the ${format} export downloads`).toBe(200);
      expect(exported.headers()["content-disposition"]).toContain(`.${format}`);
      expect((await exported.body()).length).toBeGreaterThan(0);
    }
  });

  await test.step("the page works on a phone-width screen", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await expect(page.getByRole("heading", { name: "Transcript" })).toBeVisible();
    await screenshot(page, "10-meeting-phone");
    await page.setViewportSize({ width: 1366, height: 900 });
  });

  await test.step("add a person to the voice bank with a voice sample, then delete them", async () => {
    await page.getByRole("link", { name: "Voice bank" }).click();
    await expect(page.getByRole("heading", { name: "Voice bank", level: 1 })).toBeVisible();
    await page.getByRole("button", { name: "Add person" }).click();
    await expect(page.getByText("Enter a name.")).toBeVisible();
    await page.getByLabel("Name", { exact: true }).fill("John Kennedy");
    await page.getByLabel("Voice sample").setInputFiles(recording("jfk.flac"));
    await page.getByRole("button", { name: "Add person" }).click();
    await expect(page.getByText("John Kennedy was added.")).toBeVisible();
    const person = page.getByTestId("person").filter({ hasText: "John Kennedy" });
    await expect(person).toContainText("1 voice sample");
    await expect(page.getByTestId("person").filter({ hasText: "Luca Bianchi" })).toContainText("1 voice sample");
    await screenshot(page, "11-voice-bank");

    await person.getByRole("button", { name: "Delete John Kennedy" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete John Kennedy?" });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Delete person" }).click();
    await expect(page.getByTestId("person").filter({ hasText: "John Kennedy" })).toHaveCount(0);
  });

  await test.step("log out: pages now ask to log in", async () => {
    await logOut(page);
    await page.goto(meetingUrl);
    await expect(page.getByRole("heading", { name: "Log in" })).toBeVisible();
  });

  expect(consoleErrors, "the browser console shows no errors").toEqual([]);
});

test("another person sees neither the meeting nor its files", async ({ page }) => {
  test.skip(!meetingUrl, "needs the first person's meeting");
  await register(page, newAccount("Charles Babbage"));
  await expect(page.getByText("No meetings yet.")).toBeVisible();

  await page.goto(meetingUrl);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await expect(page.getByText("Project meeting excerpt")).toHaveCount(0);
  await screenshot(page, "12-other-user-not-found");

  const exported = await page.request.get(`/api${meetingUrl}/export?format=srt`);
  expect(exported.status()).toBe(404);
  const audio = await page.request.get(`/api${meetingUrl}/audio`);
  expect(audio.status()).toBe(404);
  await logOut(page);
});

test("an expired or refused session sends the person to log in", async ({ page, context, baseURL }) => {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const header = encode({ alg: "HS256", typ: "JWT" });
  const url = baseURL ?? "";

  await context.addCookies([
    { name: "scribe_session", value: `${header}.${encode({ sub: "x", exp: 1 })}.sig`, url },
  ]);
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Log in" })).toBeVisible();
  await expect(page.getByText("Your session has ended.")).toBeVisible();

  // Not expired by its claims, but the API refuses it (wrong signature): cleared, then log in.
  const future = Math.floor(Date.now() / 1000) + 3600;
  await context.addCookies([
    { name: "scribe_session", value: `${header}.${encode({ sub: "x", exp: future })}.sig`, url },
  ]);
  await page.goto("/voices");
  await expect(page.getByRole("heading", { name: "Log in" })).toBeVisible();
  await expect(page.getByText("Your session has ended.")).toBeVisible();
  expect((await context.cookies()).some((cookie) => cookie.name === "scribe_session")).toBe(false);
});

test("the owner deletes the meeting after confirming", async ({ page }) => {
  test.skip(!meetingUrl, "needs the first person's meeting");
  await logIn(page, owner);
  const row = page.getByTestId("meeting-row").filter({ hasText: "Project meeting excerpt" });
  await row.getByRole("button", { name: "Delete meeting Project meeting excerpt" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete this meeting?" });
  await expect(dialog).toBeVisible();
  await screenshot(page, "13-delete-confirmation");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(row).toBeVisible();

  await row.getByRole("button", { name: "Delete meeting Project meeting excerpt" }).click();
  await dialog.getByRole("button", { name: "Delete meeting" }).click();
  await expect(page.getByText("No meetings yet.")).toBeVisible();
  await page.goto(meetingUrl);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
});
