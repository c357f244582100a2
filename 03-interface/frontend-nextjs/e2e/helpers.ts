import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";

import { type BrowserContext, type Page, expect } from "@playwright/test";

import { SCREENSHOT_DIR } from "./paths";

/** How long the real worker may take for a 30 s recording on a 2-core CPU, model loading included. */
export const PROCESSING_TIMEOUT_MS = Number(process.env.E2E_PROCESSING_TIMEOUT_MS) || 8 * 60_000;

/** The API's own address (set by the global setup; absent when testing a platform already running). */
export const API_URL = process.env.E2E_API_URL ?? "";

export interface Account {
  name: string;
  email: string;
  password: string;
}

export function newAccount(name: string): Account {
  const unique = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  return { name, email: `${name.toLowerCase().split(" ")[0]}-${unique}@example.com`, password: "correct horse battery" };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

export async function register(page: Page, account: Account): Promise<void> {
  await page.goto("/register");
  await fillRegistration(page, account);
  await expect(page.getByRole("heading", { name: "Meetings" })).toBeVisible();
}

/** Fills and sends the registration form already open in `page`. */
export async function fillRegistration(page: Page, account: Account): Promise<void> {
  await page.getByLabel("Name (optional)").fill(account.name);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password", { exact: true }).fill(account.password);
  await page.getByLabel("Repeat the password").fill(account.password);
  await page.getByRole("button", { name: "Create account" }).click();
}

export async function logIn(page: Page, account: Account): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("heading", { name: "Meetings" })).toBeVisible();
}

export async function logOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page.getByRole("heading", { name: "Log in" })).toBeVisible();
}

/** Waits on the dashboard until the meeting's row says "Ready" (the real worker processed it). */
export async function waitUntilReady(page: Page, title: string): Promise<void> {
  const row = page.getByTestId("meeting-row").filter({ hasText: title });
  await expect(row).toBeVisible();
  await expect(row.getByRole("status"), `the worker did not finish; its log ends:\n${workerLogTail()}`).toHaveText(
    "Ready",
    { timeout: PROCESSING_TIMEOUT_MS },
  );
}

/** The session token in the browser's httpOnly cookie (Playwright can read it; pages cannot). */
export async function sessionTokenOf(context: BrowserContext): Promise<string> {
  const cookie = (await context.cookies()).find((candidate) => candidate.name === "scribe_session");
  expect(cookie, "the browser holds a session cookie").toBeDefined();
  return cookie!.value;
}

/** Collects the browser console's errors (a Content-Security-Policy violation is one). */
export function consoleErrorsOf(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  return errors;
}

/** The end of the worker's log, to say why processing did not finish. */
export function workerLogTail(): string {
  const dir = process.env.E2E_LOG_DIR;
  const path = dir ? join(dir, "worker.log") : "";
  if (!path || !existsSync(path)) return "(no worker log)";
  return readFileSync(path, "utf8").split("\n").slice(-40).join("\n");
}
