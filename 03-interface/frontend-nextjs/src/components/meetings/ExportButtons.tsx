import { EXPORT_FORMATS } from "@/lib/exports";

import styles from "./ExportButtons.module.css";

/** Download links; the route handler adds the session's token and streams the API's file. */
export function ExportButtons({ meetingId }: { meetingId: string }) {
  return (
    <div className={styles.exports} role="group" aria-label="Export the transcript">
      <span className={styles.label}>Export</span>
      {EXPORT_FORMATS.map(({ format, label, description }) => (
        <a
          key={format}
          className="button button-secondary button-small"
          href={`/api/meetings/${meetingId}/export?format=${format}`}
          download
          title={description}
          aria-label={`Export as ${label} (${description})`}
        >
          {label}
        </a>
      ))}
    </div>
  );
}
