import type { Verdict } from '../../engine/types.js';
import { t } from '../../i18n/index.js';
import { codeText } from '../../output/qualification.js';
import { terminalLine } from '../../output/terminal-text.js';
import { displayWidth, padDisplay, truncateDisplay } from '../../output/width.js';
import type { ScoreFormatModule, TableRow } from './format.js';

// `score --format table`: company, verdict, score and the first next action, fitted to the terminal; every cell made
// terminal-safe and cut with … when too long. The widths are set by the first piece, so the view streams in constant
// memory.

const GAP = '  ';
// A column never gets narrower than this, even on a very narrow terminal.
const MIN_CELL = 8;

/** The table view's header, in the chosen language: company, verdict, score, next action. */
export function tableHeaders(): [string, string, string, string] {
  return [t('col.company'), t('csv.colVerdict'), t('col.score'), t('csv.colNextAction')];
}

function verdictLabel(v: Verdict): string {
  return codeText('engine.verdict.', v);
}

/** The table view. */
export const tableFormat: ScoreFormatModule = {
  renderer() {
    return { cells: ({ company, result, action }) => [company, verdictLabel(result.verdict), String(result.score), action] };
  },
  writer(sink, { columns }) {
    let widths: readonly number[] | undefined;
    const line = (cells: readonly string[]) => {
      const fitted = cells.map((c, i) => truncateDisplay(c, widths![i]!));
      return [padDisplay(fitted[0]!, widths![0]!), padDisplay(fitted[1]!, widths![1]!), padDisplay(fitted[2]!, widths![2]!, 'right'), fitted[3]!].join(GAP).trimEnd() + '\n';
    };
    const text = (rows: readonly TableRow[]) => {
      const cells = rows.map((r) => r.map((c) => terminalLine(c)));
      let out = '';
      if (widths === undefined) {
        const head = tableHeaders();
        const verdicts = (['precise', 'qualifying', 'disqualified'] as const).map(verdictLabel);
        const scoreWidth = Math.max(displayWidth(head[2]), 3);
        const fixed = scoreWidth + 3 * GAP.length;
        // The verdict column gives way (its labels are cut with …) before company and action drop below MIN_CELL.
        const widestVerdict = Math.max(displayWidth(head[1]), ...verdicts.map(displayWidth));
        const verdictWidth = Math.max(MIN_CELL, Math.min(widestVerdict, columns - fixed - 2 * MIN_CELL));
        const rest = columns - fixed - verdictWidth;
        // A loop, not Math.max(...rows): a piece can hold more rows than a call takes arguments.
        let companies = displayWidth(head[0]);
        for (const r of cells) companies = Math.max(companies, displayWidth(r[0] ?? ''));
        const companyWidth = Math.max(MIN_CELL, Math.min(companies, Math.floor(rest * 0.4)));
        widths = [companyWidth, verdictWidth, scoreWidth, Math.max(MIN_CELL, rest - companyWidth)];
        out += line(head);
      }
      for (const r of cells) out += line(r);
      return out;
    };
    return {
      begin: async () => undefined,
      piece: async (_rendered, table) => {
        if (table.length > 0) await sink.write(text(table));
      },
      // An empty table still has its header.
      end: async () => {
        if (widths === undefined) await sink.write(text([]));
      },
    };
  },
};
