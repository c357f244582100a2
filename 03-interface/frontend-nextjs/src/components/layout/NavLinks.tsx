"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

import styles from "./AppHeader.module.css";

const LINKS = [
  { href: "/", label: "Meetings" },
  { href: "/upload", label: "Upload" },
  { href: "/voices", label: "Voice bank" },
] as const;

function isCurrent(pathname: string, href: string): boolean {
  return href === "/" ? pathname === "/" || pathname.startsWith("/meetings") : pathname.startsWith(href);
}

export function NavLinks() {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className={styles.nav}>
      {LINKS.map((link) => (
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
