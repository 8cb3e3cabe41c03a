/**
 * What must run before a crash is reported (the workbench gives the terminal back). The
 * registry only: the CLI's crash guard (src/cli/crash-guard.ts) calls `runCrashCleanups`
 * when a bug escapes every handler. No side effects at import.
 */

const cleanups = new Set<() => void>();

/** Registers `cleanup` to run before a crash is reported; returns the undo. */
export const onCrash = (cleanup: () => void): (() => void) => {
  cleanups.add(cleanup);
  return () => {
    cleanups.delete(cleanup);
  };
};

/** Runs every registered cleanup; one that throws does not stop the others (the crash report matters more). */
export const runCrashCleanups = (): void => {
  for (const cleanup of [...cleanups]) {
    try {
      cleanup();
    } catch {
      // The report that follows matters more.
    }
  }
};
