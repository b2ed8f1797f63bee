import { UsageError } from '../../errors.js';
import { command, example, flag, optionalArgument, repeatable, text, type InputOf } from '../spec.js';
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
    example('leadq qualify                                   # interview; pick or create the lead', 'leadq qualify                                   # 问答；选择或新建线索'),
    example('leadq qualify "华信科技"                          # re-qualify: previous answers are the defaults', 'leadq qualify "华信科技"                          # 重新筛选：上次的答案为默认值'),
    example('leadq qualify --answers visit.json --json       # no prompts: answers from a file', 'leadq qualify --answers visit.json --json       # 不问答：答案来自文件'),
    "echo '{\"lead\":{\"company\":\"Acme\"},\"need\":{\"kind\":\"switching\"}}' | leadq qualify --answers - --dry-run",
    example('leadq qualify 12 --set payment.funds=now --set kp.confirmed=true   # fix answers, re-score', 'leadq qualify 12 --set payment.funds=now --set kp.confirmed=true   # 改答案，重新打分'),
  ],
  check: (input) => {
    if (input.set.length === 0) return;
    if (input.answers !== undefined) throw new UsageError('qualify.setWithAnswers', {}, 'qualify.hintSet');
    if (input.lead === undefined) throw new UsageError('qualify.setNeedsLead', {}, 'qualify.hintSet');
  },
  notes: { key: 'qualify.answersHelp' },
  load: () => import('./handler.js'),
});
