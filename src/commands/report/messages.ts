import type { Catalog } from '../../i18n/catalog.js';

// Messages of `leadq report`. Keys 'report.*'.
export const en = {
  'report.description': 'results per lead source against the cold-visit baseline (1 in 66)',
  'report.optSince': 'only leads created on or after this date (YYYY-MM-DD, UTC)',
  'report.optFormat': 'output format: {choices} (default table)',
  'report.notes':
    'Per source: leads, precise and disqualified (by the latest qualification), visits (contacts of kind\nvisit), won, and won per visit. With --since, the leads created since then are counted with all\ntheir visits and results; referral requests and referrals are those made since then.',
  'report.title': 'Where precise leads come from — won per visit, by lead source',
  'report.titleSince': 'Where precise leads come from — won per visit, by lead source (leads since {since})',
  'report.total': 'all sources',
  'report.baselineCold': 'cold visits (article: 1 in 66)',
  'report.baselineAuthor': 'precise leads (article: 6–7 of 30–40)',
  'report.referrals': 'Referral requests: {requests} made, {asked} referrals asked, {received} received',
  'report.referralsUnrequested': '; {count} more referred without a request',
  'report.noVisits': 'No visits logged yet: log each with `leadq contact <lead> --kind visit`.',
  'report.legend': 'Bars: won per visit, then each source’s precise leads. The method says ask every visited prospect for 1–3 referrals.',
  'report.trackTitle': 'Track record of the verdicts — of the closed leads once rated so, how many were won',
  'report.trackNone': 'No closed leads yet: close each with `leadq lead close <lead> --won|--lost`.',
  'report.trackOnce.precise': 'once precise',
  'report.trackOnce.qualifying': 'once qualifying',
  'report.trackOnce.disqualified': 'once disqualified',
  'report.trackLegend': 'If the verdicts predict your wins, "once precise" wins most and "once disqualified" least.',
} as const;

export const zh: Catalog<typeof en> = {
  'report.description': '按线索来源统计，对照陌拜基线（1/66）',
  'report.optSince': '只统计该日期（含）之后创建的线索（YYYY-MM-DD，UTC）',
  'report.optFormat': '输出格式：{choices}（默认 table）',
  'report.notes':
    '每个来源：线索数、精准与放手数（按最近一次筛选）、拜访数（类型为 visit 的联系）、成交数、每次拜访成交数。\n给出 --since 时，统计该日期以来创建的线索及其全部拜访与结果；转介绍请求与转介绍为该日期以来的记录。',
  'report.title': '精准客户从哪里来——按线索来源的每次拜访成交数',
  'report.titleSince': '精准客户从哪里来——按线索来源的每次拜访成交数（{since} 以来的线索）',
  'report.total': '全部来源',
  'report.baselineCold': '陌拜（文中：66 个签 1 个）',
  'report.baselineAuthor': '精准客户（文中：30–40 次拜访签 6–7 个）',
  'report.referrals': '转介绍请求：{requests} 次，共请求 {asked} 个转介绍，已获得 {received} 个',
  'report.referralsUnrequested': '；另有 {count} 个未经请求的转介绍',
  'report.noVisits': '还没有拜访记录：每次拜访后用 `leadq contact <线索> --kind visit` 记录。',
  'report.legend': '条形：每次拜访成交数，其后为各来源的精准客户数。方法要求：每个拜访过的客户都请求 1–3 个转介绍。',
  'report.trackTitle': '结论的准确度——已关闭的线索中，曾被判为该结论的，成交了多少',
  'report.trackNone': '还没有已关闭的线索：用 `leadq lead close <线索> --won|--lost` 关闭每一条。',
  'report.trackOnce.precise': '曾为精准客户',
  'report.trackOnce.qualifying': '曾为待确认',
  'report.trackOnce.disqualified': '曾为放手',
  'report.trackLegend': '如果结论能预测成交，“曾为精准客户”的成交比例应最高，“曾为放手”的最低。',
};
