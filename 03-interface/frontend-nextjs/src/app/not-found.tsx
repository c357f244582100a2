import Link from "next/link";

export default function NotFound() {
  return (
    <main id="main" style={{ maxWidth: "32rem", margin: "4rem auto", padding: "0 1rem" }}>
      <div className="card">
        <h1>Page not found</h1>
        <p>There is nothing at this address.</p>
        <Link href="/" className="button">
          Go to your meetings
        </Link>
      </div>
    </main>
  );
}
