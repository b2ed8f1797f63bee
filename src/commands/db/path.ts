import type { Context } from '../../context.js';

/** `leadq db path`: the data file in use; never creates it. */
export async function handler(ctx: Context): Promise<void> {
  ctx.stdout.write(`${ctx.store.location}\n`);
}
