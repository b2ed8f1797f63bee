import { BASELINES, wonPerVisit } from '../../domain/lead-sources.js';
import type { Source } from '../../engine/enums.js';
import { t, type MessageKey } from '../../i18n/index.js';
import type { Paint } from '../../output/color.js';
import { Painted, renderTable, type Column, type Row } from '../../output/format.js';
import { VERDICTS, type Verdict } from '../../engine/types.js';
import type { ReferralTotals, SourceFigures, VerdictRecord } from '../../store/store.js';

// The per-source report, PURE: the figures with won per visit beside the article's yardsticks, as JSON and as the
// table view with bars.

type Counts = Omit<SourceFigures, 'source'>;

/** What `report --format json` prints. */
export interface SourceReport {
  readonly since: string | null;
  readonly sources: readonly (SourceFigures & { readonly won_per_visit: number | null })[];
  readonly total: Counts & { readonly won_per_visit: number | null };
  readonly baselines: Readonly<Record<keyof typeof BASELINES, { won: number; visits: number; won_per_visit: number }>>;
  readonly referrals: ReferralTotals;
  /** Of the closed leads once rated each verdict, how many were won: do the method's verdicts predict wins? */
  readonly track_record: readonly (VerdictRecord & { readonly won_share: number | null })[];
}

/** Builds the report from the per-source figures and the referral totals (pure). */
export function buildReport(
  figures: readonly SourceFigures[],
  referrals: SourceReport['referrals'],
  since: string | undefined,
  trackRecord: readonly VerdictRecord[] = VERDICTS.map((verdict) => ({ verdict, closed: 0, won: 0 })),
): SourceReport {
  const sum = (key: keyof Counts) => figures.reduce((n, f) => n + f[key], 0);
  const total: Counts = { leads: sum('leads'), precise: sum('precise'), disqualified: sum('disqualified'), visits: sum('visits'), won: sum('won') };
  const baseline = (b: { won: number; visits: number }) => ({ ...b, won_per_visit: b.won / b.visits });
  return {
    since: since ?? null,
    sources: figures.map((f) => ({ ...f, won_per_visit: wonPerVisit(f.won, f.visits) })),
    total: { ...total, won_per_visit: wonPerVisit(total.won, total.visits) },
    baselines: { cold_visit: baseline(BASELINES.cold_visit), author_precise: baseline(BASELINES.author_precise) },
    referrals,
    track_record: trackRecord.map((r) => ({ ...r, won_share: r.closed === 0 ? null : r.won / r.closed })),
  };
}

const BAR_WIDTH = 30;
const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'] as const;

/** A horizontal bar of `value / max` of BAR_WIDTH columns, in eighths of a column. */
export function bar(value: number, max: number, width = BAR_WIDTH): string {
  if (max <= 0 || value <= 0) return '';
  const eighths = Math.max(1, Math.round((Math.min(value, max) / max) * width * 8));
  return '█'.repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8];
}

/** Won per visit to three decimals; '—' before the first visit. */
function rateText(rate: number | null): string {
  return rate === null ? '—' : rate.toFixed(3);
}

/** The same rate as the article says it: "1/66", "1/5.4"; empty when nothing was won. */
function oneInText(rate: number | null): string {
  if (rate === null || rate === 0) return '';
  const oneIn = 1 / rate;
  return `1/${oneIn >= 10 ? Math.round(oneIn) : Number(oneIn.toFixed(1))}`;
}

const REPORT_COLUMNS: readonly (readonly [string, MessageKey, 'left' | 'right'])[] = [
  ['label', 'col.source', 'left'],
  ['leads', 'col.leads', 'right'],
  ['precise', 'col.precise', 'right'],
  ['disqualified', 'col.disqualified', 'right'],
  ['visits', 'col.visits', 'right'],
  ['won', 'col.won', 'right'],
  ['rate', 'col.wonPerVisit', 'right'],
  ['oneIn', 'col.oneIn', 'right'],
  ['bar', 'col.bar', 'left'],
  ['preciseBar', 'col.preciseBar', 'left'],
];

const SHARE_WIDTH = 20;

/** The table view: one row per source, the total, then the article's two yardsticks, each with a bar of won per visit. */
export function renderReport(report: SourceReport, paint: Paint): string {
  const { cold_visit: cold, author_precise: author } = report.baselines;
  const rates = [...report.sources.map((s) => s.won_per_visit ?? 0), report.total.won_per_visit ?? 0, cold.won_per_visit, author.won_per_visit];
  const max = Math.max(...rates);
  // Each source's precise leads beside its won per visit: the method's claim that some sources give more precise leads.
  const maxPrecise = Math.max(...report.sources.map((s) => s.precise));
  // Green: as good as the author's precise leads; yellow: better than cold visits; red: no better than cold.
  const tint = (rate: number | null) => (rate === null ? paint.dim : rate >= author.won_per_visit ? paint.green : rate > cold.won_per_visit ? paint.yellow : paint.red);
  const counted = (label: string, c: Counts & { won_per_visit: number | null }): Row => ({
    label,
    leads: c.leads,
    precise: c.precise,
    disqualified: c.disqualified,
    visits: c.visits,
    won: c.won,
    rate: rateText(c.won_per_visit),
    oneIn: oneInText(c.won_per_visit),
    bar: new Painted(bar(c.won_per_visit ?? 0, max), tint(c.won_per_visit)),
  });
  const yardstick = (key: MessageKey, b: { won_per_visit: number }): Row => ({
    label: t(key),
    rate: rateText(b.won_per_visit),
    oneIn: oneInText(b.won_per_visit),
    bar: new Painted(bar(b.won_per_visit, max), paint.dim),
  });
  const rows: Row[] = [
    ...report.sources.map((s) => ({ ...counted(t(`engine.source.${s.source satisfies Source}`), s), preciseBar: new Painted(bar(s.precise, maxPrecise, SHARE_WIDTH), paint.cyan) })),
    counted(t('report.total'), report.total),
    yardstick('report.baselineCold', cold),
    yardstick('report.baselineAuthor', author),
  ];
  const columns: Column[] = REPORT_COLUMNS.map(([key, header, align]) => ({ key, header: t(header), align }));
  const title = report.since === null ? t('report.title') : t('report.titleSince', { since: report.since });
  const lines = [paint.bold(title), '', renderTable(rows, columns, true, paint.bold).trimEnd()];
  if (report.total.visits === 0) lines.push('', t('report.noVisits'));
  const unrequested = report.referrals.unrequested > 0 ? t('report.referralsUnrequested', { count: report.referrals.unrequested }) : '';
  lines.push('', t('report.referrals', { ...report.referrals }) + unrequested, t('report.legend'));
  lines.push('', paint.bold(t('report.trackTitle')), ...trackRecordLines(report.track_record, paint));
  return lines.join('\n') + '\n';
}

/** The verdicts' track record: of the closed leads once rated each verdict, the share won, with a bar. */
function trackRecordLines(record: SourceReport['track_record'], paint: Paint): string[] {
  if (record.every((r) => r.closed === 0)) return [t('report.trackNone')];
  const color: Readonly<Record<Verdict, (s: string) => string>> = { precise: paint.green, qualifying: paint.yellow, disqualified: paint.red };
  const rows: Row[] = record.map((r) => ({
    label: t(`report.trackOnce.${r.verdict}`),
    closed: r.closed,
    won: r.won,
    share: r.won_share === null ? '—' : `${Math.round(r.won_share * 100)}%`,
    bar: new Painted(bar(r.won_share ?? 0, 1, SHARE_WIDTH), color[r.verdict]),
  }));
  const columns: Column[] = [
    { key: 'label', header: t('col.verdict'), align: 'left' },
    { key: 'closed', header: t('col.closed'), align: 'right' },
    { key: 'won', header: t('col.won'), align: 'right' },
    { key: 'share', header: t('col.wonShare'), align: 'right' },
    { key: 'bar', header: '', align: 'left' },
  ];
  return [renderTable(rows, columns, true, paint.bold).trimEnd(), t('report.trackLegend')];
}
