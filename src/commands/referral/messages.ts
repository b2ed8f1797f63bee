import type { Catalog } from '../../i18n/catalog.js';

// Messages of `leadq referral …`. Keys 'referral.*'.
export const en = {
  'referral.description': 'ask for and record referrals (1 to 3, never more)',
  'referral.ask.description': 'record a referral request to a lead (default 3)',
  'referral.ask.argLead': 'the lead asked (id or company name)',
  'referral.ask.optCount': 'how many referrals you asked for: 1 to 3 (default 3: 3 is best, 1 at least)',
  'referral.ask.optNote': 'a note on the request',
  'referral.ask.optJson': 'print the request as JSON',
  'referral.add.description': 'add a referred lead: source referral, linked to the referrer and its open request',
  'referral.add.argReferrer': 'the lead who referred (id or company name)',
  'referral.add.optJson': 'print the new lead as JSON',
  'referral.list.description': 'list referral requests with how many were asked and received',
  'referral.list.optOpen': 'only requests with fewer referrals received than asked',
  'referral.countRange':
    'ask for 1 to 3 referrals, not "{value}": 3 is best, 1 at least — never more, don\'t be greedy',
  'referral.countHint': 'e.g. leadq referral ask {lead} --count 3',
  'referral.noOpenRequest':
    'note: {referrer} has no open referral request; the referral is recorded without one (leadq referral ask {referrerId})',
} as const;

export const zh: Catalog<typeof en> = {
  'referral.description': '请求并记录转介绍（1 到 3 个，不要贪多）',
  'referral.ask.description': '记录一次向某线索请求转介绍（默认 3 个）',
  'referral.ask.argLead': '被请求的线索（编号或公司名）',
  'referral.ask.optCount': '请求的转介绍数量：1 到 3（默认 3：最好 3 个，至少 1 个）',
  'referral.ask.optNote': '备注',
  'referral.ask.optJson': '以 JSON 输出这次请求',
  'referral.add.description': '添加一条转介绍线索：来源为转介绍，关联介绍人及其未完成的请求',
  'referral.add.argReferrer': '介绍人线索（编号或公司名）',
  'referral.add.optJson': '以 JSON 输出新线索',
  'referral.list.description': '列出转介绍请求及请求数、已获得数',
  'referral.list.optOpen': '只列出已获得数少于请求数的请求',
  'referral.countRange': '转介绍请求 1 到 3 个，而不是“{value}”：最好 3 个，至少 1 个——绝不多要，不要贪心',
  'referral.countHint': '例如：leadq referral ask {lead} --count 3',
  'referral.noOpenRequest': '提示：{referrer} 没有未完成的转介绍请求；本次转介绍已记录，但未关联请求（leadq referral ask {referrerId}）',
};
