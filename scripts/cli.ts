/**
 * The command-line plumbing the scripts share, so each says only what is its own: a usage error prints its
 * reason and the usage and exits 2; `main` answers the exit code; a run that throws prints why and exits with
 * the script's own failure code (2 for the runs where 1 means "ran, and the acceptance failed").
 */

/** Prints `message` to stderr and exits 2: the script was called wrongly or cannot do what was asked. */
export function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

/** `parse(argv)`; when it throws (an unknown flag, a bad value), its reason and `usage`, and exit 2. */
export function parseOrFail<T>(parse: (argv: string[]) => T, usage: string, argv = process.argv.slice(2)): T {
  try {
    return parse(argv);
  } catch (error) {
    return fail(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
  }
}

/**
 * Runs `main` and exits with the code it answers (it may answer none and let the process end by itself).
 * When it throws: the error after `failure.label` (with its stack), or without a label its message alone,
 * and exit `failure.code`.
 */
export function runMain(main: () => Promise<number | void>, failure: { code: number; label?: string }): void {
  main().then(
    (code) => {
      if (code !== undefined) process.exit(code);
    },
    (error: unknown) => {
      if (failure.label) console.error(failure.label, error);
      else console.error(error instanceof Error ? error.message : error);
      process.exit(failure.code);
    },
  );
}
