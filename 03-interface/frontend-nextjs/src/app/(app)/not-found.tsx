import Link from "next/link";

export default function MeetingNotFound() {
  return (
    <div className="card">
      <h1>Not found</h1>
      <p>This page does not exist, or it belongs to someone else.</p>
      <Link href="/" className="button">
        Back to your meetings
      </Link>
    </div>
  );
}
