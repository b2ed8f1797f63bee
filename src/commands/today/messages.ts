import type { Catalog } from '../../i18n/catalog.js';

// Messages of `leadq today`. Keys 'today.*'.
export const en = {
  'today.description': "what to do today: the ranked worklist (id, company, why, action)",
  'today.optDays': 're-qualify leads whose latest qualification is older than this many days',
  'today.optAll': "every rep's leads (team stores; a data file of one rep lists all anyway)",
  'today.optLimit': 'show at most this many rows (0: all; default: 100 in the table, all in the other formats)',
  'today.notes':
    'In order: precise leads not visited yet; follow-ups due (`contact --next`); qualifying leads, highest\nscore first, with their first next action; referral requests with fewer received than asked, made\nmore than 7 days ago; leads whose latest qualification is older than --days; top-20 accounts with no\ncontact in 30 days. One row per lead; closed (won/lost) leads never appear.',
  'today.nothing': 'nothing to do today: no precise lead waits for a visit, no follow-up is due',
  'today.more': 'showing the first {limit}; `leadq today --limit 0` shows all',
  'today.why.visit': 'precise (score {score}), not visited yet',
  'today.why.followUp': 'follow-up due {date}',
  'today.why.qualifying': 'qualifying, score {score}',
  'today.why.referral': 'asked for {asked} referrals {days} days ago ({at}), {received} received',
  'today.why.stale': 'last qualified {days} days ago ({at})',
  'today.why.top20': 'top-20 account (#{rank} in {industry}), last contact {at}',
  'today.why.top20Never': 'top-20 account (#{rank} in {industry}), never contacted',
  'today.action.visit': 'visit the KP: bring the value case; before you leave, ask for 1–3 referrals',
  'today.action.followUp': 'follow up as you planned, then log it: leadq contact {id} --kind call',
  'today.action.qualifying': 'find out what is still unknown: leadq qualify {id}',
  'today.action.referral': 'remind them of the referrals they offered; 1 at least, never push for more',
  'today.action.stale': 're-qualify: leadq qualify {id}',
  'today.action.top20': 'research its need, KP and payment, then make contact',
} as const;

export const zh: Catalog<typeof en> = {
  'today.description': '今天做什么：排好序的工作清单（编号、公司、原因、该做什么）',
  'today.optDays': '最近一次筛选早于这么多天的线索需要重新筛选',
  'today.optAll': '所有销售的线索（团队数据库；单人数据文件本来就列出全部）',
  'today.optLimit': '最多显示这么多行（0：全部；默认：表格 100 行，其他格式全部）',
  'today.notes':
    '顺序：还没拜访的精准客户；到期的跟进（`contact --next`）；待确认的线索，分数高的在前，附第一条下一步；\n获得数少于请求数、请求已超过 7 天的转介绍请求；最近一次筛选早于 --days 的线索；30 天没有联系的\n行业前 20 客户。每个线索一行；已关闭（赢单/丢单）的线索不会出现。',
  'today.nothing': '今天没有要做的：没有等待拜访的精准客户，也没有到期的跟进',
  'today.more': '只显示前 {limit} 行；`leadq today --limit 0` 显示全部',
  'today.why.visit': '精准客户（{score} 分），还没拜访',
  'today.why.followUp': '{date} 该跟进',
  'today.why.qualifying': '待确认，{score} 分',
  'today.why.referral': '{days} 天前（{at}）请求了 {asked} 个转介绍，已获得 {received} 个',
  'today.why.stale': '{days} 天前（{at}）筛选过，已过时',
  'today.why.top20': '行业前 20（{industry}第 {rank} 名），最近联系 {at}',
  'today.why.top20Never': '行业前 20（{industry}第 {rank} 名），从未联系',
  'today.action.visit': '拜访 KP：带上价值账；离开前请求 1–3 个转介绍',
  'today.action.followUp': '按计划跟进，然后记录：leadq contact {id} --kind call',
  'today.action.qualifying': '问清还不知道的：leadq qualify {id}',
  'today.action.referral': '提醒对方答应的转介绍；至少 1 个，不要催要更多',
  'today.action.stale': '重新筛选：leadq qualify {id}',
  'today.action.top20': '先摸清需求、KP 和付款能力，再去联系',
};
