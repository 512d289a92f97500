/** Every command, in the order `statehouse --help` lists them. */
import type { Command } from "../command";
import { changes } from "./changes";
import { consumers } from "./consumers";
import { diff } from "./diff";
import { doctor } from "./doctor";
import { history } from "./history";
import { lock } from "./lock";
import { locks } from "./locks";
import { outputs } from "./outputs";
import { repairDigestCommand } from "./repair-digest";
import { restore } from "./restore";
import { search } from "./search";
import { stateShow } from "./state-show";
import { unlock } from "./unlock";
import { versions } from "./versions";
import { workspaces } from "./workspaces";

export const COMMANDS: readonly Command[] = [workspaces, stateShow, outputs, versions, diff, history, lock, unlock, repairDigestCommand, restore, search, locks, doctor, changes, consumers];
