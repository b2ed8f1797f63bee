import type { QualifyContext } from '../../src/engine/index.js';

/** The day the engine tests run on: a funds date before it has passed. */
export const TODAY = '2025-06-01';

/** A lead with no visit logged, qualified on TODAY (what the CSV scorer passes for every row). */
export const CTX: QualifyContext = { today: TODAY, visitLogged: false };
