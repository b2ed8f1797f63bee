// Serialization failures, deadlocks, lock timeouts and connection bursts are retried with backoff, all within the
// busy timeout (LEADQ_BUSY_TIMEOUT_MS, default 5 s, as for SQLite); past it, exit 75. The clock, sleep and jitter are
// injected so the policy is tested without a server or real time.
import { busy, isRetryable } from './errors.js';

/** How attempts are spaced: full jitter over an exponential ceiling (first 10 ms, doubling, at most 250 ms). */
export interface RetryClock {
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  /** A number in [0, 1). */
  readonly random: () => number;
}

export const SYSTEM_CLOCK: RetryClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

const FIRST_DELAY_MS = 10;
const MAX_DELAY_MS = 250;

/** The pause before retry number `attempt` (1-based), never past the deadline. */
export function backoffMs(attempt: number, remainingMs: number, random: number): number {
  const ceiling = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.min(attempt - 1, 10));
  return Math.max(0, Math.min(remainingMs, Math.floor(ceiling * random)));
}

/**
 * Runs attempt(deadline) until it succeeds; a retryable failure (isRetryable) is tried again after a backoff while the
 * deadline (now + busyTimeoutMs) has not passed, then becomes exit 75. Any other failure is thrown as it is. The
 * attempt receives the deadline so it can bound its own lock waits (lock_timeout) by the time that is left.
 */
export async function withRetry<T>(busyTimeoutMs: number, attempt: (deadline: number) => Promise<T>, clock: RetryClock = SYSTEM_CLOCK): Promise<T> {
  const deadline = clock.now() + busyTimeoutMs;
  for (let tries = 1; ; tries++) {
    try {
      return await attempt(deadline);
    } catch (err) {
      if (!isRetryable(err)) throw err;
      const remaining = deadline - clock.now();
      if (remaining <= 0) throw busy();
      await clock.sleep(backoffMs(tries, remaining, clock.random()));
      if (deadline - clock.now() <= 0) throw busy();
    }
  }
}
