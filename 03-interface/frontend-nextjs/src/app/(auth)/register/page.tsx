import type { Metadata } from "next";
import Link from "next/link";

import { RegisterForm } from "@/components/auth/RegisterForm";
import { safeNextPath } from "@/lib/navigation";

import styles from "../auth.module.css";

export const metadata: Metadata = { title: "Create an account" };

export default async function RegisterPage({ searchParams }: PageProps<"/register">) {
  const next = safeNextPath((await searchParams).next);
  return (
    <>
      <h1>Create an account</h1>
      <RegisterForm next={next} />
      <p className={styles.footer}>
        Already registered? <Link href={next === "/" ? "/login" : `/login?next=${encodeURIComponent(next)}`}>Log in</Link>
      </p>
    </>
  );
}
