// A progress bar on stderr, only when stderr is a terminal and the job has run for over a second
// (short jobs stay quiet; pipes and logs never see it).
import { t } from '../i18n/index.js';

const COUNT = new Intl.NumberFormat('en-US');
const WIDTH = 24;
const DELAY_MS = 1000;
const EVERY_MS = 100;

/** Draws `[████░░░░] 45%  450,000 rows` on one stderr line, redrawn at most ten times a second. */
export class ProgressBar {
  private lastDraw = 0;
  private drawn = false;
  private readonly started: number;

  constructor(
    private readonly stream: NodeJS.WritableStream & { isTTY?: boolean },
    private readonly totalBytes: number | undefined,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.started = now();
  }

  /** Reports progress: bytes of input read, rows done. */
  update(bytes: number, rows: number): void {
    if (this.stream.isTTY !== true) return;
    const now = this.now();
    if (now - this.started < DELAY_MS || now - this.lastDraw < EVERY_MS) return;
    this.lastDraw = now;
    this.drawn = true;
    this.stream.write(`\r${progressLine(bytes, this.totalBytes, rows)}\x1b[K`);
  }

  /** Clears the bar (before the summary line). */
  done(): void {
    if (this.drawn) this.stream.write('\r\x1b[K');
    this.drawn = false;
  }
}

/** The text of the bar: with a known size, a bar and a percentage; always the rows done. */
function progressLine(bytes: number, totalBytes: number | undefined, rows: number): string {
  const count = t('csv.progress', { rows: COUNT.format(rows) });
  if (totalBytes === undefined || totalBytes === 0) return `leadq: ${count}`;
  const share = Math.min(1, bytes / totalBytes);
  const full = Math.round(share * WIDTH);
  return `leadq: [${'█'.repeat(full)}${'░'.repeat(WIDTH - full)}] ${Math.floor(share * 100)}%  ${count}`;
}
