"use client";

import { type CSSProperties, useCallback, useEffect, useMemo, useRef, useState } from "react";

import { formatTimestamp } from "@/lib/format";
import type { Person, Transcript } from "@/lib/models";
import { buildSpeakerDirectory } from "@/lib/speakers";
import { activeSegmentIndex, groupTurns } from "@/lib/transcript";

import { SpeakerPanel } from "./SpeakerPanel";
import styles from "./TranscriptWorkspace.module.css";

interface TranscriptWorkspaceProps {
  meetingId: string;
  transcript: Transcript;
  people: Person[];
  /** Members and above rename speakers; viewers only read the names. */
  mayRename: boolean;
  /** Members and above link speakers to the voice bank and enroll them. */
  mayEnroll: boolean;
}

/** The player and the transcript side by side; playback highlights the line being spoken. */
export function TranscriptWorkspace({ meetingId, transcript, people, mayRename, mayEnroll }: TranscriptWorkspaceProps) {
  const audio = useRef<HTMLAudioElement>(null);
  const [time, setTime] = useState(0);
  const [playing, setPlaying] = useState(false);

  const speakers = useMemo(
    () =>
      buildSpeakerDirectory(
        transcript.speakers.map((speaker) => ({ label: speaker.label, person: speaker.person, person_id: speaker.personId })),
        transcript.segments.map((segment) => ({ label: segment.speaker })),
      ),
    [transcript],
  );
  const turns = useMemo(() => groupTurns(transcript.segments), [transcript]);
  const active = activeSegmentIndex(transcript.segments, time);

  const seek = useCallback((seconds: number) => {
    const player = audio.current;
    if (!player) return;
    player.currentTime = seconds;
    setTime(seconds);
    void player.play().catch(() => undefined); // autoplay may be refused; the position is set anyway
  }, []);

  // Keep the spoken line in view while playing, without moving the page when paused.
  const activeLine = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (playing) activeLine.current?.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }, [active, playing]);

  return (
    <div className={styles.workspace}>
      <aside className={styles.side} aria-label="Player and speakers">
        <div className={`card ${styles.player}`}>
          <audio
            ref={audio}
            controls
            preload="metadata"
            src={`/api/meetings/${meetingId}/audio`}
            className={styles.audio}
            onTimeUpdate={(event) => setTime(event.currentTarget.currentTime)}
            onSeeked={(event) => setTime(event.currentTarget.currentTime)}
            onPlay={() => setPlaying(true)}
            onPause={() => setPlaying(false)}
          >
            Your browser cannot play this audio.
          </audio>
          <p className="hint" aria-live="off">
            {formatTimestamp(time)} / {formatTimestamp(transcript.durationS)}
          </p>
        </div>
        <SpeakerPanel
          meetingId={meetingId}
          speakers={[...speakers.values()]}
          transcript={transcript}
          people={people}
          mayRename={mayRename}
          mayEnroll={mayEnroll}
        />
      </aside>

      <section className={`card ${styles.transcript}`} aria-label="Transcript">
        <h2 className={styles.transcriptTitle}>Transcript</h2>
        {turns.length === 0 ? (
          <p className="hint">No speech was found in this recording.</p>
        ) : (
          <ol className={styles.turns}>
            {turns.map((turn) => {
              const speaker = speakers.get(turn.speaker);
              return (
                <li
                  key={`${turn.speaker}-${turn.lines[0]!.index}`}
                  className={styles.turn}
                  style={{ "--speaker-color": speaker?.color } as CSSProperties}
                  data-testid="speaker-turn"
                >
                  <p className={styles.turnHeader}>
                    <span className={styles.speakerName}>{speaker?.name ?? turn.speaker}</span>
                    <span className={styles.turnTime}>{formatTimestamp(turn.start)}</span>
                  </p>
                  {turn.lines.map(({ index, segment }) => (
                    <button
                      key={index}
                      type="button"
                      ref={index === active ? activeLine : undefined}
                      className={styles.line}
                      aria-current={index === active ? "true" : undefined}
                      aria-label={`Play from ${formatTimestamp(segment.start)}: ${segment.text}`}
                      onClick={() => seek(segment.start)}
                    >
                      <span className={styles.lineTime} aria-hidden="true">
                        {formatTimestamp(segment.start)}
                      </span>
                      <span className={styles.lineText}>{segment.text}</span>
                    </button>
                  ))}
                </li>
              );
            })}
          </ol>
        )}
      </section>
    </div>
  );
}
