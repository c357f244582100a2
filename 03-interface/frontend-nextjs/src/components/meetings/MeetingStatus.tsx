import { ProgressBar } from "@/components/ProgressBar";
import type { MeetingSummary } from "@/lib/models";
import { clampPercent, statusText } from "@/lib/status";

import styles from "./MeetingStatus.module.css";

type StatusFields = Pick<MeetingSummary, "status" | "stage" | "percent" | "error">;

/** The status as a coloured badge plus, while processing, a progress bar. */
export function MeetingStatus({ meeting }: { meeting: StatusFields }) {
  const text = statusText(meeting);
  const processing = meeting.status === "processing" || meeting.status === "queued";
  return (
    <div className={styles.status} data-status={meeting.status}>
      <span className={styles.badge} role="status" aria-live="polite">
        {text}
      </span>
      {processing && (
        <ProgressBar
          label="Processing progress"
          percent={meeting.status === "queued" ? null : clampPercent(meeting.percent)}
        />
      )}
    </div>
  );
}
