import { encryptionWords, type EncryptionMarker } from "@/lib/browser-safe/state-encryption";
import { Badge } from "@/components/ui/badge";

/** "encrypted with pbkdf2 / aes_gcm, decrypted" (green) or "… not decrypted: …" (amber); the addresses in its title. */
export function EncryptionBadge({ marker }: { marker: EncryptionMarker }) {
  const title = [...marker.keyProviders, ...(marker.method ? [marker.method] : [])].join(", ");
  return (
    <Badge tone={marker.decrypted ? "green" : "amber"} title={title || undefined} data-testid="encryption-badge" data-decrypted={marker.decrypted} data-problem={marker.problem ?? undefined}>
      {encryptionWords(marker)}
    </Badge>
  );
}
