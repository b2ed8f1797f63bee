import type { Context } from '../../context.js';
import { completionScript } from './scripts.js';
import type { CompletionInput } from './spec.js';
import { completionTree } from './tree.js';

/** `leadq completion <shell>`: the completion script on stdout, from the same table the commands are built from. */
export async function handler(ctx: Context, input: CompletionInput): Promise<void> {
  const { COMMANDS, GLOBAL_OPTIONS, PROGRAM } = await import('../index.js');
  ctx.stdout.write(completionScript(input.shell, completionTree(PROGRAM.name, GLOBAL_OPTIONS, COMMANDS)));
}
