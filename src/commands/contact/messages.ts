import type { Catalog } from '../../i18n/catalog.js';

// Messages of `leadq contact`. Keys 'contact.*'.
export const en = {
  'contact.description': 'log a visit, call, email or meeting with a lead (and a follow-up day); list or delete contacts',
  'contact.optKind': 'what it was: {choices}',
  'contact.optAt': 'when (ISO date or date-time; default now)',
  'contact.optNote': 'what happened',
  'contact.logged': 'Logged the {kind} with lead #{id} ({company}) at {at}',
  'contact.logDescription': 'log a contact with a lead (the default: `leadq contact <lead> --kind …`)',
  'contact.listDescription': "list a lead's contacts, latest first, with their ids",
  'contact.deleteDescription': "delete a contact logged by mistake; the lead's last contact becomes the latest remaining one",
  'contact.optNext': 'follow up on this day (YYYY-MM-DD, today to 5 years ahead): `leadq today` lists the lead then',
  'contact.argContactId': 'the contact’s id (see `leadq contact list <lead>`)',
  'contact.followUpSet': 'Follow-up on {date}',
  'contact.followUpDone': 'Follow-up of {date} done',
  'contact.noSuchContact': 'no contact with id {id}',
  'contact.badId': '"{value}" is not a contact id: give the number `contact list` shows',
  'contact.hintList': "see a lead's contacts and their ids with `leadq contact list <lead>`",
  'contact.deleted': 'Deleted contact #{id} ({kind} at {at}) of lead #{leadId} ({company})',
  'contact.lastContactNow': 'Last contact now: {at}',
  'contact.lastContactNone': 'No contact left: the lead counts as uncontacted',
} as const;

export const zh: Catalog<typeof en> = {
  'contact.description': '记录一次拜访、电话、邮件或会议（及跟进日期）；列出或删除联系记录',
  'contact.optKind': '联系方式：{choices}',
  'contact.optAt': '时间（ISO 日期或日期时间；默认现在）',
  'contact.optNote': '联系情况',
  'contact.logged': '已记录与线索 #{id}（{company}）的{kind}：{at}',
  'contact.logDescription': '记录与线索的一次联系（默认子命令：`leadq contact <线索> --kind …`）',
  'contact.listDescription': '列出线索的联系记录（最新在前）及其编号',
  'contact.deleteDescription': '删除误记的联系记录；线索的最近联系改为剩下记录中最新的一条',
  'contact.optNext': '在这一天跟进（YYYY-MM-DD，今天到 5 年内）：到那天 `leadq today` 会列出该线索',
  'contact.argContactId': '联系记录编号（见 `leadq contact list <线索>`）',
  'contact.followUpSet': '跟进日期：{date}',
  'contact.followUpDone': '{date} 的跟进已完成',
  'contact.noSuchContact': '没有编号为 {id} 的联系记录',
  'contact.badId': '“{value}”不是联系记录编号：请给出 `contact list` 显示的编号',
  'contact.hintList': '用 `leadq contact list <线索>` 查看线索的联系记录及编号',
  'contact.deleted': '已删除线索 #{leadId}（{company}）的联系记录 #{id}（{at} 的{kind}）',
  'contact.lastContactNow': '最近联系现为：{at}',
  'contact.lastContactNone': '已没有联系记录：该线索算作未联系',
};
