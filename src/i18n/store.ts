import type { Catalog } from './catalog.js';

// Messages about the store (the data file): what run.ts prints for each StoreError code, whatever command met it. Keys
// 'store.*'.
export const en = {
  'store.busy': 'the data file is busy (another leadq is writing to it)',
  'store.hintBusy': 'try again in a moment',
  'store.unreachable': 'cannot reach the data server of {file}: {reason}',
  'store.hintUnreachable': 'check the address and that the server is running, then try again',
  'store.denied': 'the data server of {file} refused access: {reason}',
  'store.hintDenied': 'check the user name, the password (PGPASSWORD, ~/.pgpass) and the permissions',
  'store.missing': 'no data file at {file}',
  'store.hintMissing': 'it is created by the first write: leadq qualify, leadq lead add or leadq score --import',
  'store.notLeadq': '{file} is not a leadq data file',
  'store.hintOther': 'choose another file with --db or $LEADQ_DB',
  'store.damaged': 'the data file {file} is damaged: {detail}',
  'store.hintRestore': 'restore your latest backup (leadq db backup <file> makes one)',
  'store.cantCreate': 'cannot create the data file {file}: {reason}',
  'store.cantWrite': 'cannot write the data file {file}: {reason}',
  'store.hintWritable': 'choose a writable place with --db or $LEADQ_DB',
  'store.hintFile': 'give a file name, e.g. --db ~/sales/leadq.db',
  'store.unreadable': 'cannot read the data file {file}: {reason}',
  'store.fromFuture': 'the data file {file} comes from a newer leadq (schema {found}; this leadq knows up to {known})',
  'store.hintUpgrade': 'upgrade leadq to use it; the file was left unchanged',
} as const;

export const zh: Catalog<typeof en> = {
  'store.busy': '数据文件正忙（另一个 leadq 正在写入）',
  'store.hintBusy': '请稍后重试',
  'store.unreachable': '无法连接 {file} 的数据服务器：{reason}',
  'store.hintUnreachable': '请检查地址以及服务器是否在运行，然后重试',
  'store.denied': '{file} 的数据服务器拒绝访问：{reason}',
  'store.hintDenied': '请检查用户名、密码（PGPASSWORD、~/.pgpass）和权限',
  'store.missing': '数据文件 {file} 不存在',
  'store.hintMissing': '第一次写入时会自动创建：leadq qualify、leadq lead add 或 leadq score --import',
  'store.notLeadq': '{file} 不是 leadq 数据文件',
  'store.hintOther': '请用 --db 或 $LEADQ_DB 指定其他文件',
  'store.damaged': '数据文件 {file} 已损坏：{detail}',
  'store.hintRestore': '请恢复最近的备份（leadq db backup <文件> 可生成备份）',
  'store.cantCreate': '无法创建数据文件 {file}：{reason}',
  'store.cantWrite': '无法写入数据文件 {file}：{reason}',
  'store.hintWritable': '请用 --db 或 $LEADQ_DB 指定一个可写的位置',
  'store.hintFile': '请给出文件名，例如 --db ~/sales/leadq.db',
  'store.unreadable': '无法读取数据文件 {file}：{reason}',
  'store.fromFuture': '数据文件 {file} 来自更新版本的 leadq（结构版本 {found}；本版本最高支持 {known}）',
  'store.hintUpgrade': '请升级 leadq 后再使用；文件未做任何改动',
};
