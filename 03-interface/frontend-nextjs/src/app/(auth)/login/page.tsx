import type { Metadata } from "next";
import Link from "next/link";

import { LoginForm } from "@/components/auth/LoginForm";
import { safeNextPath } from "@/lib/navigation";

import styles from "../auth.module.css";

export const metadata: Metadata = { title: "Log in" };

export default async function LoginPage({ searchParams }: PageProps<"/login">) {
  const params = await searchParams;
  return (
    <>
      <h1>Log in</h1>
      {params.expired !== undefined && (
        <p className="notice notice-info" role="status">
          Your session has ended. Please log in again.
        </p>
      )}
      <LoginForm next={safeNextPath(params.next)} />
      <p className={styles.footer}>
        No account yet? <Link href="/register">Create one</Link>
      </p>
    </>
  );
}
