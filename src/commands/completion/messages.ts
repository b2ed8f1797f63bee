import type { Catalog } from '../../i18n/catalog.js';

// Messages of `leadq completion`. Keys 'completion.*'.
export const en = {
  'completion.description': 'print a shell completion script (commands, options, their values)',
  'completion.argShell': 'the shell: bash, zsh or fish',
  'completion.notes':
    'The script completes commands, subcommands, options and the values of options that take one of a list\n(--status, --source, --format, --kind, --encoding, --lang); file names are left to the shell.',
} as const;

export const zh: Catalog<typeof en> = {
  'completion.description': '输出 shell 补全脚本（命令、选项及其取值）',
  'completion.argShell': 'shell：bash、zsh 或 fish',
  'completion.notes': '脚本可补全命令、子命令、选项，以及只能取固定几个值的选项的取值\n（--status、--source、--format、--kind、--encoding、--lang）；文件名由 shell 自己补全。',
};
