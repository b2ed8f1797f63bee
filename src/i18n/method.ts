import type { Catalog } from './catalog.js';

// Messages about the method version: `db rescore` and the note of `db check`. Keys are namespaced 'method.*'.
export const en = {
  'method.rescoreDescription': 're-score the latest answers of every open lead with the current method version',
  'method.optRescoreDryRun': 'say what would change; write nothing',
  'method.optRescoreJson': 'print the summary as JSON',
  'method.rescoreLeads': 'open leads re-scored with method {method}: {count}',
  'method.rescoreLeadsDry': 'open leads that would be re-scored with method {method}: {count}',
  'method.rescoreVerdicts': 'verdicts changed: {count}',
  'method.rescoreVerdictsDry': 'verdicts that would change: {count}',
  'method.rescoreChange': '  {from} → {to}: {count}',
  'method.rescoreScores': 'scores changed with the same verdict: {count}',
  'method.rescoreScoresDry': 'scores that would change with the same verdict: {count}',
  'method.rescoreUnchanged': 'unchanged: {count}',
  'method.rescoreSkipped': 'skipped, their stored answers are no longer valid: {count} ({leads})',
  'method.rescoreDryRun': 'dry run: nothing was written',
  'method.olderScored': 'open leads scored by an older method version: {count} (`leadq db rescore` re-scores them with method {method})',
} as const;

export const zh: Catalog<typeof en> = {
  'method.rescoreDescription': '用当前版本的方法，重新评估每条未结线索最近一次的答案',
  'method.optRescoreDryRun': '只说明会有什么变化，不写入任何内容',
  'method.optRescoreJson': '以 JSON 输出汇总',
  'method.rescoreLeads': '已用方法 {method} 重新评分的未结线索：{count} 条',
  'method.rescoreLeadsDry': '将用方法 {method} 重新评分的未结线索：{count} 条',
  'method.rescoreVerdicts': '结论改变：{count} 条',
  'method.rescoreVerdictsDry': '结论将会改变：{count} 条',
  'method.rescoreChange': '  {from} → {to}：{count} 条',
  'method.rescoreScores': '结论不变、分数改变：{count} 条',
  'method.rescoreScoresDry': '结论不变、分数将会改变：{count} 条',
  'method.rescoreUnchanged': '没有变化：{count} 条',
  'method.rescoreSkipped': '已跳过，保存的答案已不再有效：{count} 条（{leads}）',
  'method.rescoreDryRun': '试运行：没有写入任何内容',
  'method.olderScored': '用旧版方法评分的未结线索：{count} 条（运行 `leadq db rescore` 用方法 {method} 重新评分）',
};
