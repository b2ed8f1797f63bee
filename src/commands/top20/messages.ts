import type { Catalog } from '../../i18n/catalog.js';

// Messages of `leadq top20 …`. Keys 'top20.*'.
export const en = {
  'top20.description': 'import industry top-20 rankings and list the accounts to visit',
  'top20.import.description':
    'import industry rankings (columns industry, rank, company — or 行业, 排名, 公司/公司名称); re-importing an industry replaces its ranking',
  'top20.import.argFile': 'CSV file, or - for stdin',
  'top20.import.optEncoding': 'file encoding: {choices} (default auto: the BOM, else valid UTF-8, else GB18030)',
  'top20.import.rules':
    'A file with any bad row (no industry, no company, a rank that is not a positive whole number, a rank\ngiven twice) is refused with exit 65: every bad line is listed on stderr and nothing is imported.\nRanked companies are matched to leads by normalised company name; the others become leads with\nsource top20. Ranks above 20 are kept but not listed.',
  'top20.list.description': 'list the accounts ranked 1–20, by industry then rank',
  'top20.list.optUncontacted': 'only accounts with no contact logged (within --days if given)',
  'top20.list.optDays': 'with --uncontacted: no contact in the last N days (implies --uncontacted)',
  'top20.list.optIndustry': 'only this industry',
  'top20.list.notes':
    'Opens the data file read-only: safe from cron while a rep writes to it. No rows: the header line\nalone (csv, tsv) and exit 0; a data file that does not exist yet counts as empty.',
  'top20.badDays': '--days "{value}": use a whole number of days, 1 or more',
  'top20.missingColumns': '{file}: no {columns} column; use the headers industry, rank, company (or 行业, 排名, 公司/公司名称)',
  'top20.badRows': '{file}: {count} bad row(s); nothing was imported',
  'top20.badRowsHint': 'fix the lines listed above and import the file again',
  'top20.rowLine': 'line {line}: {reason}',
  'top20.reason.noIndustry': 'no industry',
  'top20.reason.malformed': 'broken quoting (text after a closing quote)',
  'top20.reason.badBytes': 'holds bytes that are not valid in the encoding (--encoding)',
  'top20.reason.noCompany': 'no company',
  'top20.reason.badRank': 'rank "{value}" is not a positive whole number',
  'top20.reason.duplicateRank': '{industry} rank {rank} is already on line {first}',
  'top20.moreRows': '… and {count} more',
  'top20.pastTop': '{count} ranked past {top} and not leads yet: kept in the ranking, but not made leads (they are no top-{top} accounts)',
  'top20.imported':
    'imported {ranks} ranks in {industries} industries: {matched} matched to existing leads, {created} new leads (source top20)',
} as const;

export const zh: Catalog<typeof en> = {
  'top20.description': '导入行业前 20 名排名并列出待拜访的客户',
  'top20.import.description': '导入行业排名（列：industry、rank、company，或 行业、排名、公司/公司名称）；重新导入某行业会替换其排名',
  'top20.import.argFile': 'CSV 文件，或用 - 表示标准输入',
  'top20.import.optEncoding': '文件编码：{choices}（默认 auto：有 BOM 按 BOM，否则为合法 UTF-8 时按 UTF-8，再否则按 GB18030）',
  'top20.import.rules':
    '文件中只要有一行有误（缺行业、缺公司、排名不是正整数、同一排名出现两次），就以退出码 65 拒绝整个文件：\n所有出错的行号都列在标准错误上，不导入任何数据。\n排名中的公司按规范化后的公司名匹配已有线索；匹配不到的新建为来源 top20 的线索。20 名以后的排名会保存但不列出。',
  'top20.list.description': '列出排名 1–20 的客户，按行业、排名排序',
  'top20.list.optUncontacted': '只列出没有任何联系记录的客户（给出 --days 时为该天数内）',
  'top20.list.optDays': '配合 --uncontacted：最近 N 天内没有联系（隐含 --uncontacted）',
  'top20.list.optIndustry': '只列出该行业',
  'top20.list.notes': '以只读方式打开数据文件：销售正在写入时也可由 cron 安全运行。没有结果时只输出表头行（csv、tsv），\n退出码为 0；尚不存在的数据文件视为空。',
  'top20.badDays': '--days “{value}”：请用 1 或更大的整数天数',
  'top20.missingColumns': '{file}：缺少 {columns} 列；请使用表头 industry、rank、company（或 行业、排名、公司/公司名称）',
  'top20.badRows': '{file}：有 {count} 行有误；未导入任何数据',
  'top20.badRowsHint': '请修正上面列出的行后重新导入',
  'top20.rowLine': '第 {line} 行：{reason}',
  'top20.reason.noIndustry': '缺少行业',
  'top20.reason.malformed': '引号格式错误（右引号后还有文字）',
  'top20.reason.badBytes': '含有不符合该编码的字节（--encoding）',
  'top20.reason.noCompany': '缺少公司',
  'top20.reason.badRank': '排名“{value}”不是正整数',
  'top20.reason.duplicateRank': '{industry} 的第 {rank} 名已在第 {first} 行出现',
  'top20.moreRows': '……另有 {count} 行',
  'top20.pastTop': '{count} 个排在第 {top} 名之后且还不是线索的公司：保留在排名中，但没有新建为线索（它们不是前 {top} 名客户）',
  'top20.imported': '已导入 {industries} 个行业的 {ranks} 个排名：{matched} 个匹配到已有线索，新建 {created} 条线索（来源 top20）',
};
