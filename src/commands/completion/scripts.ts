import type { CompletedCommand, CompletedOption, CompletionTree } from './tree.js';

// Shell completion scripts, made from the completion tree (the command table): commands, a group's subcommands,
// options, and the values of options (and arguments) that take one of a list. Values that name files are left to the
// shell's own file completion. PURE.

/** The shells `leadq completion` writes a script for. */
export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

/** The completion script for a shell. */
export function completionScript(shell: Shell, tree: CompletionTree): string {
  if (shell === 'fish') return fishScript(tree);
  const fn = `_${tree.name.replace(/\W/g, '_')}`;
  if (shell === 'bash') return `# ${tree.name} completion for bash: source it from ~/.bashrc, or save it as ~/.local/share/bash-completion/completions/${tree.name}\n${bashFunction(tree, fn)}`;
  // zsh runs the bash completion through its bashcompinit layer. Found in $fpath, the file is autoloaded as the body
  // of _leadq on the first Tab: it registers the bash function then, and must complete that first Tab itself.
  const bashFn = `${fn}_bash`;
  return [
    `#compdef ${tree.name}`,
    `# ${tree.name} completion for zsh: save it as ${fn} in a folder of $fpath, or source it from ~/.zshrc`,
    'autoload -U +X bashcompinit && bashcompinit',
    bashFunction(tree, bashFn).trimEnd(),
    `if [[ \${zsh_eval_context[-1]-} == loadautofunc ]]; then _bash_complete -o bashdefault -o default -F ${bashFn}; fi`,
    '',
  ].join('\n');
}

/** The words a command path completes to: "" (the top), "lead", "lead list", "score". */
function paths(tree: CompletionTree): Array<{ path: string; command: CompletedCommand | undefined }> {
  const out: Array<{ path: string; command: CompletedCommand | undefined }> = [{ path: '', command: undefined }];
  for (const command of tree.commands) {
    out.push({ path: command.name, command });
    for (const sub of command.subcommands ?? []) out.push({ path: `${command.name} ${sub.name}`, command: sub });
  }
  return out;
}

const words = (list: readonly string[]) => list.join(' ');
const flagsOf = (options: readonly CompletedOption[]) => options.flatMap((o) => o.flags);

function bashFunction(tree: CompletionTree, fn: string): string {
  const all = paths(tree);
  const valueFlags = new Set([...tree.globals, ...all.flatMap((p) => p.command?.options ?? [])].filter((o) => o.takesValue).flatMap((o) => o.flags));
  const subpaths = all.filter(({ path }) => path.includes(' ')).map(({ path }) => path);
  const valueCases: string[] = [];
  for (const option of tree.globals) if (option.choices !== undefined) valueCases.push(`    *"|${option.flags.at(-1)}") COMPREPLY=($(compgen -W "${words(option.choices)}" -- "$cur")); return ;;`);
  for (const { path, command } of all) {
    for (const option of command?.options ?? []) {
      if (option.choices !== undefined) valueCases.push(`    "${path}|${option.flags.at(-1)}") COMPREPLY=($(compgen -W "${words(option.choices)}" -- "$cur")); return ;;`);
    }
  }
  const optionCases = all.map(({ path, command }) => `    "${path}") opts="${words(flagsOf(command?.options ?? []))}" ;;`);
  const wordCases = all
    .map(({ path, command }) => {
      const next = path === '' ? tree.commands.map((c) => c.name) : (command?.subcommands?.map((s) => s.name) ?? command?.argumentChoices);
      return next === undefined ? undefined : `    "${path}") COMPREPLY=($(compgen -W "${words(next)}" -- "$cur")) ;;`;
    })
    .filter((line): line is string => line !== undefined);
  return `${fn}() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD-1]} cmd="" opts="" i w
  # The command typed so far ("lead list"), skipping options and the values they take.
  for ((i = 1; i < COMP_CWORD; i++)); do
    w=\${COMP_WORDS[i]}
    case "$w" in
      ${[...valueFlags].join('|')}) ((i++)); continue ;;
      -*) continue ;;
    esac
    if [[ -z $cmd ]]; then cmd=$w
    else
      # A group's command ("lead list"); any other word is an argument (of a group's default command: "contact 12").
      case "$cmd $w" in
        ${subpaths.map((p) => `"${p}"`).join('|') || '""'}) cmd="$cmd $w" ;;
        *) break ;;
      esac
    fi
  done
  # The value of an option that takes one of a list.
  case "$cmd|$prev" in
${valueCases.join('\n')}
  esac
  # Another option's value (a name, a number, a file): the shell's own completion.
  if [[ " ${[...valueFlags].join(' ')} " == *" $prev "* ]]; then COMPREPLY=(); return; fi
  if [[ $cur == -* ]]; then
    case "$cmd" in
${optionCases.join('\n')}
    esac
    COMPREPLY=($(compgen -W "$opts ${words(flagsOf(tree.globals))}" -- "$cur"))
    return
  fi
  case "$cmd" in
${wordCases.join('\n')}
  esac
}
complete -o bashdefault -o default -F ${fn} ${tree.name}
`;
}

function fishScript(tree: CompletionTree): string {
  const name = tree.name;
  const quote = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  const lines = [`# ${name} completion for fish: save it as ~/.config/fish/completions/${name}.fish`, `complete -c ${name} -f`];
  const option = (o: CompletedOption, condition: string) => {
    const long = o.flags.filter((f) => f.startsWith('--')).map((f) => `-l ${f.slice(2)}`);
    const short = o.flags.filter((f) => /^-\w$/.test(f)).map((f) => `-s ${f.slice(1)}`);
    const value = o.choices !== undefined ? `-x -a ${quote(words(o.choices))}` : o.file ? '-r -F' : o.takesValue ? '-x' : '';
    return `complete -c ${name}${condition} ${[...short, ...long].join(' ')} ${value} -d ${quote(o.description)}`.replace(/ +/g, ' ').trimEnd();
  };
  for (const o of tree.globals) lines.push(option(o, ''));
  for (const command of tree.commands) {
    lines.push(`complete -c ${name} -n '__fish_use_subcommand' -a ${command.name} -d ${quote(command.description)}`);
    const inCommand = ` -n '__fish_seen_subcommand_from ${command.name}'`;
    if (command.subcommands === undefined) {
      for (const o of command.options) lines.push(option(o, inCommand));
      if (command.argumentChoices !== undefined) lines.push(`complete -c ${name}${inCommand} -a ${quote(words(command.argumentChoices))}`);
      if (command.fileArguments) lines.push(`complete -c ${name}${inCommand} -F`);
      continue;
    }
    const noSubcommandYet = ` -n '__fish_seen_subcommand_from ${command.name}; and not __fish_seen_subcommand_from ${words(command.subcommands.map((s) => s.name))}'`;
    for (const sub of command.subcommands) {
      lines.push(`complete -c ${name}${noSubcommandYet} -a ${sub.name} -d ${quote(sub.description)}`);
      const inSub = ` -n '__fish_seen_subcommand_from ${command.name}; and __fish_seen_subcommand_from ${sub.name}'`;
      for (const o of sub.options) lines.push(option(o, inSub));
      if (sub.fileArguments) lines.push(`complete -c ${name}${inSub} -F`);
    }
  }
  return lines.join('\n') + '\n';
}
