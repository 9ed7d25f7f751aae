/** A start-up problem the operator can fix; main prints its message without a stack. */
export class StartupError extends Error {}
