import { revokeApiKey } from "@/actions/api-keys";
import { ConfirmButton } from "@/components/ConfirmButton";

export function RevokeApiKeyButton({ apiKey }: { apiKey: { id: string; name: string } }) {
  return (
    <ConfirmButton
      label="Revoke"
      accessibleLabel={`Revoke the API key ${apiKey.name}`}
      title={`Revoke “${apiKey.name}”?`}
      description="Scripts using this key are refused from their next request on. This cannot be undone."
      confirmLabel="Revoke key"
      pendingLabel="Revoking…"
      onConfirm={revokeApiKey.bind(null, apiKey.id)}
    />
  );
}
