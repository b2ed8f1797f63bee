import type { Catalog } from '../../i18n/catalog.js';

// Messages of `leadq contact`. Keys 'contact.*'.
export const en = {
  'contact.description': 'log a visit, call, email or meeting with a lead',
  'contact.optKind': 'what it was: {choices}',
  'contact.optAt': 'when (ISO date or date-time; default now)',
  'contact.optNote': 'what happened',
  'contact.logged': 'Logged the {kind} with lead #{id} ({company}) at {at}',
} as const;

export const zh: Catalog<typeof en> = {
  'contact.description': '记录一次拜访、电话、邮件或会议',
  'contact.optKind': '联系方式：{choices}',
  'contact.optAt': '时间（ISO 日期或日期时间；默认现在）',
  'contact.optNote': '联系情况',
  'contact.logged': '已记录与线索 #{id}（{company}）的{kind}：{at}',
};
