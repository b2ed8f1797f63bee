import type { Context } from '../../context.js';
import { StoreError } from '../../store/errors.js';

/**
 * `leadq db init`: creates the store (a data file with its folder, 0600, or leadq's tables in a PostgreSQL database) or
 * brings an older one up to date, and writes no record. What a team's owner role runs once before the reps' role can
 * work (README, "Teams"); run again, it changes nothing. A newer leadq's store or someone else's is refused (65).
 */
export async function handler(ctx: Context): Promise<void> {
  const existed = await ctx.store.read(async () => true, { migrate: 'asIs', missing: 'refuse' }).catch((err: unknown) => {
    if (err instanceof StoreError && err.code === 'missing') return false;
    throw err;
  });
  await ctx.store.write(async () => undefined);
  ctx.log.say(existed ? 'db.initReady' : 'db.initCreated', { store: ctx.store.location });
}
