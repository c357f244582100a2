import styles from "./ProgressBar.module.css";

interface ProgressBarProps {
  /** 0–100, or null for an activity of unknown length. */
  percent: number | null;
  label: string;
}

export function ProgressBar({ percent, label }: ProgressBarProps) {
  const known = percent !== null;
  return (
    <div
      className={styles.track}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={known ? percent : undefined}
    >
      <div
        className={known ? styles.fill : `${styles.fill} ${styles.indeterminate}`}
        style={known ? { width: `${percent}%` } : undefined}
      />
    </div>
  );
}
