import type { MessageKey } from '../i18n/index.js';
import { completion } from './completion/spec.js';
import { contact } from './contact/spec.js';
import { dbGroup } from './db/spec.js';
import { leadGroup } from './lead/spec.js';
import { qualify } from './qualify/spec.js';
import { referralGroup } from './referral/spec.js';
import { report } from './report/spec.js';
import { score } from './score/spec.js';
import { example, type Entry, type Example } from './spec.js';
import { today } from './today/spec.js';
import { top20Group } from './top20/spec.js';

// THE table of leadq's commands, in the order --help lists them. cli.ts builds commander from it and completion
// builds the shell completion scripts from it. Each entry is a command's (or a group's) spec: its folder holds the
// spec, the handler modules the spec loads, and (with the messages in src/i18n) its words.

/** The program itself: name, description, usage line and examples of `leadq --help`. */
export const PROGRAM = {
  name: 'leadq',
  description: 'help.description',
  usage: '[--db <file|url>] [--lang en|zh] [--no-color] <command> [options]',
  examples: [
    example('leadq today                                    # what to do today', 'leadq today                                    # 今天做什么'),
    example('leadq qualify                                  # interview before a visit', 'leadq qualify                                  # 拜访前问答筛选'),
    example('leadq qualify --answers answers.json --json    # the same, from a JSON file', 'leadq qualify --answers answers.json --json    # 同上，答案来自 JSON 文件'),
    'leadq score data/samples/leads.csv --out scored.csv',
    'leadq lead list --status precise',
    'leadq top20 list --uncontacted --days 30 --format tsv',
    'leadq --lang zh report',
  ] satisfies readonly Example[],
} as const;

/** The options every command takes (read before the command runs: context.ts, run.ts). */
export const GLOBAL_OPTIONS: ReadonlyArray<{ readonly flags: string; readonly description: MessageKey; readonly choices?: readonly string[] }> = [
  { flags: '--db <file|url>', description: 'help.globalDb' },
  { flags: '--lang <lang>', description: 'help.globalLang', choices: ['en', 'zh'] },
  { flags: '--as <name>', description: 'help.globalAs' },
  { flags: '--no-color', description: 'help.globalNoColor' },
];

/** Every command and group. */
export const COMMANDS: readonly Entry[] = [today, qualify, leadGroup, contact, score, referralGroup, top20Group, report, dbGroup, completion];
