/**
 * What a command may touch of the outside world. Passed in (not read from `process`) so that
 * tests run commands in-process with captured output and a chosen environment.
 */
import { createInterface } from "node:readline";

export interface CliOutput {
  /** Like a Node stream: `false` asks the writer to wait for "drain" before writing more. */
  write(text: string): unknown;
  once?(event: "drain", listener: () => void): unknown;
  /** Colours are used only when the stream is a terminal. */
  isTTY?: boolean;
}

export interface CliIo {
  stdout: CliOutput;
  stderr: CliOutput;
  env: Record<string, string | undefined>;
  /** Working directory for relative paths (default: process.cwd()). */
  cwd?: string;
  /** Answers a confirmation prompt; absent = not interactive (confirmation is then refused). */
  ask?: (question: string) => Promise<string>;
}

/** The real process. Like terraform, answers are read from stdin even when it is a pipe. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd(), ask: askOnStdin };
}

function askOnStdin(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  return new Promise((resolve) => {
    let answer = "";
    rl.question(question, (a) => {
      answer = a;
      rl.close();
    });
    // End of input (closed or empty stdin) counts as "no".
    rl.on("close", () => resolve(answer));
  });
}
