import { Argument, Command, Option } from 'commander';
import { describe, expect, it } from 'vitest';
import { COMMANDER_MESSAGES, commanderOutcome, isCommanderError } from '../src/commander-errors.js';
import { t, type Message } from '../src/i18n/index.js';
import { leadq } from './helpers/leadq.js';

// commander's messages are read in one module (src/commander-errors.ts). One case per code we map, raised by commander
// itself: a commander upgrade that words a message differently fails here, not in front of a rep.

/** The error commander raises for argv on a small program. */
function commanderError(argv: string[]): unknown {
  const program = new Command('leadq').exitOverride().configureOutput({ writeErr: () => undefined, writeOut: () => undefined }).showSuggestionAfterError(true);
  program.command('show').argument('<lead>').action(() => undefined);
  program.command('list').addOption(new Option('--status <status>').choices(['new', 'won'])).option('--industry <industry>').action(() => undefined);
  program.command('add').requiredOption('--company <name>').action(() => undefined);
  program.command('close').addOption(new Option('--won').conflicts('lost')).option('--lost').action(() => undefined);
  program.command('completion').addArgument(new Argument('<shell>').choices(['bash', 'zsh'])).action(() => undefined);
  try {
    program.parse(argv, { from: 'user' });
  } catch (err) {
    return err;
  }
  throw new Error(`no error for ${argv.join(' ')}`);
}

const text = (m: Message) => t(m.key, m.params);

describe('commander errors in our words', () => {
  it.each([
    ['commander.unknownOption', ['--bogus'], 'unknown option --bogus'],
    ['commander.unknownCommand', ['shwo'], 'unknown command shwo (did you mean show?)'],
    ['commander.missingArgument', ['show'], 'missing argument <lead>'],
    ['commander.optionMissingArgument', ['list', '--industry'], 'option --industry <industry> needs a value'],
    ['commander.missingMandatoryOptionValue', ['add'], 'required option --company <name> not given'],
    ['commander.invalidArgument', ['list', '--status', 'hot'], "invalid value 'hot' for --status <status>: use one of new, won"],
    ['commander.invalidArgument', ['completion', 'tcsh'], "invalid value 'tcsh' for shell: use one of bash, zsh"],
    ['commander.excessArguments', ['show', '1', '2'], 'too many arguments: too many arguments for \'show\'. Expected 1 argument but got 2.'],
    ['commander.conflictingOption', ['close', '--won', '--lost'], "option '--won' cannot be used with option '--lost'"],
  ])('%s', (code, argv, message) => {
    const err = commanderError(argv);
    expect(isCommanderError(err)).toBe(true);
    expect((err as { code: string }).code).toBe(code);
    expect(COMMANDER_MESSAGES[code]).toBeDefined();
    const outcome = commanderOutcome(err as never, 'leadq list');
    if (outcome.quiet) throw new Error('expected lines');
    expect(text(outcome.lines[0]!)).toBe(message);
    expect(text(outcome.lines.at(-1)!)).toBe(code === 'commander.unknownCommand' ? 'see `leadq --help`' : 'see `leadq list --help`');
  });

  it('suggests the command meant, and says it in Chinese', async () => {
    const outcome = commanderOutcome(commanderError(['shwo']) as never, 'leadq shwo');
    if (outcome.quiet) throw new Error('expected lines');
    expect(outcome.lines.map(text)).toEqual(['unknown command shwo (did you mean show?)', 'see `leadq --help`']);
    expect(t(outcome.lines[0]!.key, outcome.lines[0]!.params, 'zh')).toBe('未知命令 shwo（您是想输入 show 吗？）');
  });

  it('help and version are not errors; help for a missing subcommand is a usage error', () => {
    expect(commanderOutcome({ code: 'commander.helpDisplayed', exitCode: 0, message: '' }, 'leadq')).toEqual({ quiet: true, exitCode: 0 });
    expect(commanderOutcome({ code: 'commander.version', exitCode: 0, message: '' }, 'leadq')).toEqual({ quiet: true, exitCode: 0 });
    expect(commanderOutcome({ code: 'commander.help', exitCode: 1, message: '' }, 'leadq')).toEqual({ quiet: true, exitCode: 64 });
  });

  it('through leadq: one line per message, each with the leadq: prefix, exit 64', async () => {
    const r = await leadq(['lead', 'list', '--status', 'hot']);
    expect(r.code).toBe(64);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe("leadq: invalid value 'hot' for --status <status>: use one of new, qualifying, precise, disqualified, won, lost\nleadq: see `leadq lead list --help`\n");
    expect((await leadq(['lead', 'shwo'])).stderr).toBe('leadq: unknown command shwo (did you mean show?)\nleadq: see `leadq lead --help`\n');
  });
});
