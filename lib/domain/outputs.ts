/**
 * The outputs concept: a workspace's root outputs as the Outputs tab and `statehouse outputs`
 * show them (masked unless revealed), and the terraform_remote_state snippet that reads them.
 */
import type { BackendDefinition } from "@/lib/config/types";
import { consumerEncryptionBlock } from "@/lib/encryption/remote-snippet";
import { remoteStateSnippet } from "@/lib/state/remote-state";

export { flatOutputAttributes, maskSensitive, NO_REMOTE_STATE_NOTE, outputReference, remoteStateOutputs, remoteStateSnippet, type RemoteOutput, type RemoteStateView } from "@/lib/state/remote-state";

/**
 * The data source that reads `workspace`, and for an OpenTofu-encrypted backend the consumer's encryption block
 * it needs (`remote_state_data_sources`), with passphrases as sensitive variables.
 */
export function remoteStateSnippetFor(def: Pick<BackendDefinition, "options" | "encryption">, workspace: string, dataName: string): string {
  const data = remoteStateSnippet(def.options, workspace, dataName);
  const setup = def.encryption;
  const encryption = setup && setup.problems.length === 0 ? consumerEncryptionBlock(setup.config, dataName, def.options.region) : null;
  return encryption ? `${encryption}\n${data}` : data;
}
