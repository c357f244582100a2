import { ProgressBar } from "@/components/ProgressBar";
import { formatBytes } from "@/lib/format";
import type { UploadProgress } from "@/lib/upload";

import styles from "./UploadForm.module.css";

/** The upload's progress bar and how much of the file has been sent. */
export function UploadStatus({ progress }: { progress: UploadProgress }) {
  const percent = progress.total > 0 ? Math.round((progress.loaded / progress.total) * 100) : 0;
  return (
    <div className={styles.progress} aria-live="polite">
      <ProgressBar percent={percent} label="Upload progress" />
      <p className="hint">
        {percent < 100
          ? `Uploading… ${percent}% (${formatBytes(progress.loaded)} of ${formatBytes(progress.total)})`
          : "Upload complete, starting the transcription…"}
      </p>
    </div>
  );
}
