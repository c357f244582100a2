"use client";

/** Shown when a page could not load its data (the API was unreachable or failed). */
export default function PageError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="card" role="alert">
      <h1>This page could not be loaded</h1>
      <p>The service did not answer as expected. Check your connection and try again in a moment.</p>
      <button type="button" className="button" onClick={reset}>
        Try again
      </button>
    </div>
  );
}
