import type { NextConfig } from "next";

const development = process.env.NODE_ENV === "development";

/**
 * What pages may load and who may frame them. Everything comes from this site: scripts, styles,
 * audio (streamed through /api), fetches. Next.js's own inline scripts (the React Server Components
 * payload, `self.__next_f.push(…)`, different on every page) need 'unsafe-inline' without per-request
 * nonces; no script is allowed from anywhere else, `eval` only in development (React's debugging).
 * Inline styles: React writes `style` attributes (progress bars, speaker colours).
 * No `upgrade-insecure-requests`: the app may be served over plain HTTP on a trusted LAN.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${development ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "frame-src 'none'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** Sent with every response: pages, route handlers, static files. */
export const SECURITY_HEADERS: { key: string; value: string }[] = [
  { key: "Content-Security-Policy", value: CONTENT_SECURITY_POLICY },
  { key: "X-Content-Type-Options", value: "nosniff" },
  // Invitation links carry their secret in the path: other sites only ever see this site's origin.
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
];

const nextConfig: NextConfig = {
  // A self-contained server (`.next/standalone/server.js`) for the small Docker image.
  output: "standalone",
  // Trace files from this folder only: the repository around it is not part of the image.
  outputFileTracingRoot: process.cwd(),
  turbopack: { root: process.cwd() },
  poweredByHeader: false,
  reactStrictMode: true,
  async headers() {
    return [{ source: "/:path*", headers: SECURITY_HEADERS }];
  },
};

export default nextConfig;
