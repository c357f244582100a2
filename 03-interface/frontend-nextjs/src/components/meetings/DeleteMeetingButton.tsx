import { deleteMeeting } from "@/actions/meetings";
import { ConfirmButton } from "@/components/ConfirmButton";

interface DeleteMeetingButtonProps {
  meeting: { id: string; title: string };
  /** Go to the dashboard once deleted (from the meeting's own page). */
  goHome?: boolean;
}

/** Deletes a meeting, its recording, transcript and exports, after the person confirms. */
export function DeleteMeetingButton({ meeting, goHome = false }: DeleteMeetingButtonProps) {
  return (
    <ConfirmButton
      accessibleLabel={`Delete meeting ${meeting.title}`}
      title="Delete this meeting?"
      description={`“${meeting.title}” and its recording, transcript and exports will be removed for good.`}
      confirmLabel="Delete meeting"
      onConfirm={deleteMeeting.bind(null, meeting.id, goHome)}
    />
  );
}
