import { choiceArgument, command, example, type InputOf, type NoArguments } from '../spec.js';
import { SHELLS } from './scripts.js';

const args = { shell: choiceArgument('<shell>', 'completion.argShell', SHELLS) };
export type CompletionInput = InputOf<typeof args, NoArguments>;

/** `leadq completion bash|zsh|fish`: a shell completion script, made from the command table. */
export const completion = command({
  name: 'completion',
  description: 'completion.description',
  args,
  options: {},
  examples: [
    example('source <(leadq completion bash)                     # this shell', 'source <(leadq completion bash)                     # 当前 shell'), 'leadq completion bash > ~/.local/share/bash-completion/completions/leadq', 'leadq completion fish > ~/.config/fish/completions/leadq.fish'],
  notes: { key: 'completion.notes' },
  load: () => import('./handler.js'),
});
