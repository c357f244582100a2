import type { Metadata } from "next";
import Link from "next/link";

import { RegisterForm } from "@/components/auth/RegisterForm";

import styles from "../auth.module.css";

export const metadata: Metadata = { title: "Create an account" };

export default function RegisterPage() {
  return (
    <>
      <h1>Create an account</h1>
      <RegisterForm />
      <p className={styles.footer}>
        Already registered? <Link href="/login">Log in</Link>
      </p>
    </>
  );
}
