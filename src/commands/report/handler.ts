import type { Context } from '../../context.js';
import { makePaint, paintFor } from '../../output/color.js';
import { buildReport, renderReport } from './render.js';
import type { ReportInput } from './spec.js';

/** `leadq report`: per-source results against the article's baselines; read-only, an absent data file reports zeros. */
export async function handler(ctx: Context, input: ReportInput): Promise<void> {
  const { since } = input;
  const report = await ctx.store.read(async (tx) =>
    buildReport(await tx.sourceFigures(since?.iso), await tx.referralTotals(since?.iso), since?.date, await tx.trackRecord(since?.iso)),
  );
  if (input.format === 'json') {
    ctx.stdout.write(JSON.stringify(report, null, 2) + '\n');
    return;
  }
  // SPEC: never colour --format output; the default table view on a terminal is coloured.
  const paint = input.format === undefined ? paintFor(ctx, ctx.stdout) : makePaint(0);
  ctx.stdout.write(renderReport(report, paint));
}
