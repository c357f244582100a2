"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

import { type Action, type Role, can } from "@/lib/roles";

import styles from "./AppHeader.module.css";

/** The pages of the current workspace; a link shows only to roles that may use its page. */
const LINKS: readonly { href: string; label: string; needs?: Action }[] = [
  { href: "/", label: "Meetings" },
  { href: "/upload", label: "Upload", needs: "upload" },
  { href: "/voices", label: "Voice bank" },
  { href: "/members", label: "Members" },
  { href: "/audit", label: "Audit log", needs: "readAudit" },
];

function isCurrent(pathname: string, href: string): boolean {
  return href === "/" ? pathname === "/" || pathname.startsWith("/meetings") : pathname.startsWith(href);
}

export function NavLinks({ role }: { role: Role }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className={styles.nav}>
      {LINKS.filter((link) => !link.needs || can(role, link.needs)).map((link) => (
        <Link
          key={link.href}
          href={link.href}
          className={styles.navLink}
          aria-current={isCurrent(pathname, link.href) ? "page" : undefined}
        >
          {link.label}
        </Link>
      ))}
    </nav>
  );
}
