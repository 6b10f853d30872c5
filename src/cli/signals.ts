// Stopping a long-running command (`daemon`, `mcp`) on SIGINT or SIGTERM. Edge: the process's signals.

/**
 * Resolves at the first SIGINT or SIGTERM. The handlers stay installed: Ctrl-C under `npm start` reaches the daemon
 * twice (from the terminal and forwarded by the wrapper), and a second signal must not cut a clean shutdown short.
 */
export function signalled(): Promise<void> {
  return new Promise((resolve) => {
    process.on("SIGINT", () => resolve());
    process.on("SIGTERM", () => resolve());
  });
}
