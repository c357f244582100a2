"use client";

import { useState } from "react";

/**
 * Copies a secret shown once (an invitation link, an API key) to the clipboard, and says so.
 * Where the clipboard is not available (plain HTTP off localhost), the text is selected instead.
 */
export function CopyButton({ text, targetId, label = "Copy" }: { text: string; targetId: string; label?: string }) {
  const [copied, setCopied] = useState<"copied" | "selected" | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied("copied");
    } catch {
      const target = document.getElementById(targetId);
      if (target instanceof HTMLInputElement) {
        target.focus();
        target.select();
      }
      setCopied("selected");
    }
  }

  return (
    <>
      <button type="button" className="button button-secondary" onClick={copy}>
        {label}
      </button>
      <span role="status" className="hint">
        {copied === "copied" ? "Copied." : copied === "selected" ? "Selected: press Ctrl+C (⌘C) to copy." : ""}
      </span>
    </>
  );
}
