import { OperatorError } from "@/lib/operator-error";

/** Runs a command-line task: its outcome in one line, and a non-zero exit on failure. */
export async function runCli(task: () => Promise<string>): Promise<void> {
  try {
    console.info(await task());
    process.exit(0);
  } catch (error) {
    console.error(error instanceof OperatorError ? error.message : error);
    process.exit(1);
  }
}
