import type { Metadata } from "next";
import Link from "next/link";

import { LoginForm } from "@/components/auth/LoginForm";
import { safeNextPath } from "@/lib/navigation";

import styles from "../auth.module.css";

export const metadata: Metadata = { title: "Log in" };

export default async function LoginPage({ searchParams }: PageProps<"/login">) {
  const params = await searchParams;
  const next = safeNextPath(params.next);
  return (
    <>
      <h1>Log in</h1>
      {params.expired !== undefined && (
        <p className="notice notice-info" role="status">
          Your session has ended. Please log in again.
        </p>
      )}
      {params.deleted !== undefined && (
        <p className="notice notice-success" role="status">
          Your account was deleted.
        </p>
      )}
      {next.startsWith("/invite/") && (
        <p className="notice notice-info" role="status">
          Log in to open your invitation, or create an account with the invited address.
        </p>
      )}
      <LoginForm next={next} />
      <p className={styles.footer}>
        No account yet? <Link href={next === "/" ? "/register" : `/register?next=${encodeURIComponent(next)}`}>Create one</Link>
      </p>
    </>
  );
}
