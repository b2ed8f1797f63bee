// The vocabulary in Chinese: every phrase of issue 11 and SPEC "Reading real exports", and the common CRM values.
import { describe, expect, it } from 'vitest';
import { buildVocabularies, loadVocabulary, type VocabKind } from '../../src/csv/vocab.js';

const vocab = buildVocabularies(loadVocabulary());
const read = (kind: VocabKind | 'confirmation', cell: string) => vocab[kind].lookup(cell);

describe('Chinese values are read, not substring-matched', () => {
  it.each([
    // need: negations make a positive term negative (不, 没, 无, 未, 非, 别)
    ['needKind', '不想换', 'none'],
    ['needKind', '不换', 'none'],
    ['needKind', '别换了', 'none'],
    ['needKind', '没兴趣', 'none'],
    ['needKind', '没什么兴趣', 'none'],
    ['needKind', '无意向', 'none'],
    ['needKind', '不想了解', 'none'],
    ['needKind', '暂不考虑', 'none'],
    ['needKind', '不需要', 'none'],
    ['needKind', '没有需求', 'none'],
    ['needKind', '不是不想换', 'switching'],
    ['needKind', '想换', 'switching'],
    ['needKind', '不满意，想换', 'switching'],
    ['needKind', '刚买了SAP，不想换', 'already_has'],
    ['needKind', '已有，但不满意', 'switching'],
    ['needKind', '不想换，但想了解', 'exploring'],
    // common CRM values
    ['needKind', '有意向', 'exploring'],
    ['needKind', '意向客户', 'exploring'],
    ['needKind', '想了解', 'exploring'],
    ['needKind', '想做', 'initiative'],
    ['needKind', '已经有了', 'already_has'],
    ['needKind', '是否想换', 'unknown'],
    ['needKind', '看情况', 'unknown'],
    // recognition: never yes when negated
    ['recognizesValue', '认可', 'yes'],
    ['recognizesValue', '非常认可', 'yes'],
    ['recognizesValue', '不太认可', 'partly'],
    ['recognizesValue', '不是很认可', 'partly'],
    ['recognizesValue', '不完全认可', 'partly'],
    ['recognizesValue', '还未认可', 'no'],
    ['recognizesValue', '未认可', 'no'],
    ['recognizesValue', '不认可', 'no'],
    ['recognizesValue', '完全不认可', 'no'],
    ['recognizesValue', '部分认可', 'partly'],
    ['recognizesValue', '认可价值，不认可价格', 'partly'],
    ['recognizesValue', '是否认可', 'unknown'],
    // funds (method v2): not_now is no money right now, no is no money at all
    ['funds', '暂时没钱', 'not_now'],
    ['funds', '资金紧张', 'not_now'],
    ['funds', '现在没预算', 'not_now'],
    ['funds', '还没钱', 'not_now'],
    ['funds', '暂无预算', 'not_now'],
    ['funds', '完全没钱', 'no'],
    ['funds', '没有预算', 'no'],
    ['funds', '没钱', 'no'],
    ['funds', '没有钱', 'no'],
    ['funds', '有钱', 'now'],
    ['funds', '现在', 'now'],
    ['funds', '资金未到位', 'not_now'],
    ['funds', '不差钱', 'now'],
    ['funds', '需要贷款', 'needs_financing'],
    ['funds', '下季度', 'by_date'],
    // another decider
    ['otherDecider', '老板娘', 'spouse'],
    ['otherDecider', '老板的太太', 'spouse'],
    ['otherDecider', '无', 'none'],
    ['otherDecider', '没有其他人', 'none'],
    ['otherDecider', '不需要老板娘同意', 'none'],
    ['otherDecider', '董事会', 'board'],
    ['otherDecider', '集团总部审批', 'parent_company'],
    ['otherDecider', '合伙人要同意', 'partner'],
    // is the contact the signer
    ['yesNoUnknown', '是', 'yes'],
    ['yesNoUnknown', '否', 'no'],
    ['yesNoUnknown', '不是', 'no'],
    ['yesNoUnknown', '非决策人', 'no'],
    ['yesNoUnknown', '能拍板', 'yes'],
    ['yesNoUnknown', '不能拍板', 'no'],
    ['yesNoUnknown', '说了不算', 'no'],
    ['yesNoUnknown', '是，已书面确认', 'yes'],
    ['yesNoUnknown', '否，需要老板同意', 'no'],
    ['yesNoUnknown', '需要老板同意', 'no'],
    ['yesNoUnknown', '不是他', 'no'],
    // strong need
    ['needKind', '需求强烈', 'initiative'],
    ['needKind', '需求迫切', 'initiative'],
    // a label or a question, then a short answer: the answer says whether the label holds
    ['needKind', '意向：无', 'none'],
    ['needKind', '意向：有', 'exploring'],
    ['needKind', '想换吗？不想', 'none'],
    ['needKind', '想换吗？想', 'switching'],
    ['recognizesValue', '认可度：无', 'no'],
    ['recognizesValue', '认可？否', 'no'],
    ['recognizesValue', '认可？是', 'yes'],
    ['yesNoUnknown', '拍板：否', 'no'],
    ['yesNoUnknown', '拍板：是', 'yes'],
    ['confirmation', '是，已书面确认', 'yes'],
    ['confirmation', '已和老板核实', 'yes'],
    ['confirmation', '未确认', 'no'],
    ['confirmed', '是', 'yes'],
    // titles → roles (a title never says who signs)
    ['role', '总经理', 'gm'],
    ['role', '副总经理', 'vp'],
    ['role', '总经理助理', 'staff'],
    ['role', '老板', 'owner'],
    ['role', '老板娘', 'owner'],
    ['role', '董事长', 'chairman'],
    ['role', '采购总监', 'director'],
    ['role', '技术负责人', 'manager'],
    ['role', '采购专员', 'staff'],
    ['role', '非执行董事', 'director'],
    ['role', '首席技术官', 'vp'],
    // sources
    ['source', '转介绍', 'referral'],
    ['source', '竞品客户', 'competitor_customer'],
    ['source', '渠道推荐', 'channel'],
    ['source', '陌拜', 'cold'],
    ['source', '百度推广', 'inbound'],
    ['source', '行业前20', 'top20'],
  ] as const)('%s: %s → %s', (kind, cell, value) => {
    expect(read(kind, cell)).toEqual({ value, how: 'value' });
  });

  it.each(['意向：暂无', '意向：待定', '想换吗？不知道'])('a label whose answer is a placeholder (%s) says nothing', (cell) => {
    expect(read('needKind', cell).how).toBe('placeholder');
  });

  it.each(['待定', '未知', '不详', '暂无', '无', '待确认', '-', '—', '？', '／'])('placeholder %s says nothing, in every field but where it answers', (cell) => {
    for (const kind of ['needKind', 'recognizesValue', 'funds', 'yesNoUnknown', 'role', 'source'] as const) expect([undefined, 'unknown'], kind).toContain(read(kind, cell).value);
    expect(vocab.grammar.isPlaceholder(cell)).toBe(true);
  });

  it('text it has no word for is not understood (and counted), never guessed', () => {
    expect(read('needKind', '需要CRM系统，支持移动端')).toEqual({ value: undefined, how: 'notUnderstood' });
    expect(read('funds', '问了再说')).toEqual({ value: undefined, how: 'notUnderstood' });
    // 无锡 and 非常 hold a negator's character, but negate nothing.
    expect(read('recognizesValue', '非常认可').value).toBe('yes');
  });

  it.each([
    ['合计', true],
    ['合计：150万', true],
    ['总计', true],
    ['制表人：张三', true],
    ['导出时间 2026-11-30', true],
    ['合作伙伴', false],
    ['上海华信科技有限公司', false],
  ])('footer line start %s: %s', (cell, footer) => {
    expect(vocab.grammar.isFooterStart(cell)).toBe(footer);
  });
});
