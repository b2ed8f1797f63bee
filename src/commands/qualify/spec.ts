import { UsageError } from '../../errors.js';
import { command, flag, optionalArgument, repeatable, text, type InputOf } from '../spec.js';
import { answerSetting } from './settings.js';

const args = { lead: optionalArgument('[lead]', 'qualify.argLead') };
const options = {
  answers: text('--answers <file|->', 'qualify.optAnswers'),
  json: flag('--json', 'qualify.optJson'),
  dryRun: flag('--dry-run', 'qualify.optDryRun'),
  set: repeatable('--set <path=value>', 'qualify.optSet', answerSetting),
};
export type QualifyInput = InputOf<typeof args, typeof options>;

/** `leadq qualify [lead]`: the interview (or an answers file) → engine → result, saved as history. */
export const qualify = command({
  name: 'qualify',
  description: 'qualify.description',
  args,
  options,
  examples: [
    'leadq qualify                                   # interview; pick or create the lead',
    'leadq qualify "华信科技"                          # re-qualify: previous answers are the defaults',
    'leadq qualify --answers visit.json --json       # no prompts: answers from a file',
    "echo '{\"lead\":{\"company\":\"Acme\"},\"need\":{\"kind\":\"switching\"}}' | leadq qualify --answers - --dry-run",
    'leadq qualify 12 --set payment.funds=now --set kp.confirmed=true   # fix answers, re-score',
  ],
  check: (input) => {
    if (input.set.length === 0) return;
    if (input.answers !== undefined) throw new UsageError('qualify.setWithAnswers', {}, 'qualify.hintSet');
    if (input.lead === undefined) throw new UsageError('qualify.setNeedsLead', {}, 'qualify.hintSet');
  },
  notes: { key: 'qualify.answersHelp' },
  load: () => import('./handler.js'),
});
