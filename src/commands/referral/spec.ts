import { REFERRAL_ASK_DEFAULT, referralAskOf } from '../../domain/lead-sources.js';
import { UsageError } from '../../errors.js';
import { leadFieldOptions } from '../lead/field-options.js';
import { json, listOutputs, trimmed } from '../options.js';
import { argument, command, example, flag, group, mandatory, text, type InputOf, type NoArguments } from '../spec.js';

const askArgs = { lead: argument('<lead>', 'referral.ask.argLead') };
const askOptions = {
  count: text('--count <n>', 'referral.ask.optCount'),
  note: trimmed('--note <text>', 'referral.ask.optNote'),
  json: json('referral.ask.optJson'),
};
export type ReferralAskInput = InputOf<typeof askArgs, typeof askOptions>;

// The lead fields `referral add` sets itself: --source (always referral) and --referrer (the argument).
const { source: _source, referrer: _referrer, ...referredLead } = leadFieldOptions();
const addArgs = { referrer: argument('<referrer-lead>', 'referral.add.argReferrer') };
const addOptions = { ...referredLead, company: mandatory(referredLead.company), json: json('referral.add.optJson') };
export type ReferralAddInput = InputOf<typeof addArgs, typeof addOptions>;

const listOptions = { open: flag('--open', 'referral.list.optOpen'), ...listOutputs() };
export type ReferralListInput = InputOf<NoArguments, typeof listOptions>;

/** --count: 1 to 3 referrals (the method: 3 is best, 1 at least, never more); undefined for anything else. */
export function referralCount(value: string | undefined) {
  return value === undefined ? REFERRAL_ASK_DEFAULT : referralAskOf(value);
}

/** A lead reference as the user would type it again in a shell (quoted when it has spaces or quotes). */
function shellWord(s: string): string {
  return /^[\p{L}\p{N}_.#-]+$/u.test(s) ? s : `"${s.replace(/(["\\$`])/g, '\\$1')}"`;
}

/** `leadq referral ask|add|list`: the method's referral source (ask 1 to 3, never more). */
export const referralGroup = group({
  name: 'referral',
  description: 'referral.description',
  examples: [
    example('leadq referral ask "华信科技" --count 3 --note "after the demo"', 'leadq referral ask "华信科技" --count 3 --note "演示之后"'),
    'leadq referral add "华信科技" --company "恒达制造有限公司" --contact 王敏 --phone 13800000000',
    'leadq referral list --open',
  ],
  commands: [
    command({
      name: 'ask',
      description: 'referral.ask.description',
      args: askArgs,
      options: askOptions,
      examples: ['leadq referral ask 12', example('leadq referral ask "Acme Inc." --count 1 --note "only knows one peer"', 'leadq referral ask "Acme Inc." --count 1 --note "只认识一位同行"')],
      // A count outside 1–3 is refused with the method's reason, and the command to type instead.
      check: (input) => {
        if (referralCount(input.count) === undefined) {
          throw new UsageError('referral.countRange', { value: input.count ?? '' }, 'referral.countHint', { lead: shellWord(input.lead) });
        }
      },
      load: () => import('./ask.js'),
    }),
    command({
      name: 'add',
      description: 'referral.add.description',
      args: addArgs,
      options: addOptions,
      examples: ['leadq referral add 12 --company "Globex Ltd." --contact "Anna Lee" --title CTO', 'leadq referral add "华信科技" --company "恒达制造" --industry 制造业 --json'],
      load: () => import('./add.js'),
    }),
    command({
      name: 'list',
      description: 'referral.list.description',
      args: {},
      options: listOptions,
      examples: ['leadq referral list', 'leadq referral list --open --format csv > open-requests.csv'],
      load: () => import('./list.js'),
    }),
  ],
});
