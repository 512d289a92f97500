/**
 * The outputs concept: a workspace's root outputs as the Outputs tab and `statehouse outputs`
 * show them (masked unless revealed), and the terraform_remote_state snippet that reads them.
 */
export { flatOutputAttributes, maskSensitive, NO_REMOTE_STATE_NOTE, outputReference, remoteStateOutputs, remoteStateSnippet, type RemoteOutput, type RemoteStateView } from "@/lib/state/remote-state";
