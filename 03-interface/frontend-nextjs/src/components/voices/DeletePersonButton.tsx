import { deletePerson } from "@/actions/people";
import { ConfirmButton } from "@/components/ConfirmButton";
import type { Person } from "@/lib/models";

/** Removes a person and their voice samples from the voice bank, after the person confirms. */
export function DeletePersonButton({ person, workspaceId }: { person: Pick<Person, "id" | "name">; workspaceId: string }) {
  return (
    <ConfirmButton
      accessibleLabel={`Delete ${person.name}`}
      title={`Delete ${person.name}?`}
      description="Their voice samples are removed and they will no longer be recognised in new meetings."
      confirmLabel="Delete person"
      onConfirm={deletePerson.bind(null, workspaceId, person.id)}
    />
  );
}
