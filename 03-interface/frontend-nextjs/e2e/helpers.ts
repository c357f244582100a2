import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";

import { type Page, expect } from "@playwright/test";

import { SCREENSHOT_DIR } from "./paths";

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
  await page.getByLabel("Name (optional)").fill(account.name);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password", { exact: true }).fill(account.password);
  await page.getByLabel("Repeat the password").fill(account.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Meetings" })).toBeVisible();
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

/** The end of the worker's log, to say why processing did not finish. */
export function workerLogTail(): string {
  const dir = process.env.E2E_LOG_DIR;
  const path = dir ? join(dir, "worker.log") : "";
  if (!path || !existsSync(path)) return "(no worker log)";
  return readFileSync(path, "utf8").split("\n").slice(-40).join("\n");
}
