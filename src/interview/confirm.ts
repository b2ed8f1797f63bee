import type { Context } from '../context.js';
import { t } from '../i18n/index.js';
import { paintFor } from '../output/color.js';

/** Asks a yes/no question on the terminal (stderr), "no" preselected: what a destructive command asks first. Ctrl-C is exit 130. */
export async function confirm(ctx: Context, question: string): Promise<boolean> {
  const { inquirerPrompter } = await import('./inquirer-prompter.js');
  const prompter = inquirerPrompter({ input: ctx.stdin, output: ctx.stderr }, paintFor(ctx, ctx.stderr));
  return (await prompter.yesNo({ id: 'confirm', message: question, why: t('interview.why.confirm'), default: false })) === true;
}
