/** Every command, in the order `statehouse --help` lists them. */
import type { Command } from "../command";
import { lock } from "./lock";
import { outputs } from "./outputs";
import { stateShow } from "./state-show";
import { versions } from "./versions";
import { workspaces } from "./workspaces";

export const COMMANDS: readonly Command[] = [workspaces, stateShow, outputs, versions, lock];
