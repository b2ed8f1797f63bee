import { Chalk, type ChalkInstance } from 'chalk';
import type { Writable } from 'node:stream';
import type { LeadqEnv } from '../env.js';

export type ColorLevel = 0 | 1 | 2 | 3;

/** What decides colour: the --no-color flag and the environment (NO_COLOR, TERM, FORCE_COLOR). */
export interface ColorSettings {
  readonly noColorFlag: boolean;
  readonly env: Pick<LeadqEnv, 'noColor' | 'forceColor' | 'dumbTerminal' | 'raw'>;
}

/** Colour depth for one stream: never with --no-color / NO_COLOR / TERM=dumb; FORCE_COLOR forces; else only on a TTY. */
export function colorLevel(stream: Writable & { isTTY?: boolean; getColorDepth?: (env?: NodeJS.ProcessEnv) => number }, settings: ColorSettings): ColorLevel {
  const { env } = settings;
  if (settings.noColorFlag) return 0;
  if (env.noColor) return 0;
  if (env.forceColor !== undefined) return env.forceColor;
  if (env.dumbTerminal) return 0;
  if (stream.isTTY !== true) return 0;
  // Node's getColorDepth() reads NO_COLOR/FORCE_COLOR itself and counts an empty NO_COLOR as set: decided above.
  const { NO_COLOR: _noColor, FORCE_COLOR: _force, ...rest } = env.raw;
  const depth = stream.getColorDepth?.(rest) ?? 1;
  return depth >= 24 ? 3 : depth >= 8 ? 2 : depth >= 4 ? 1 : 0;
}

/** Styles for one stream: a chalk instance whose level follows colorLevel(), not chalk's own detection (it ignores NO_COLOR). */
export type Paint = ChalkInstance;

/** Builds the chalk instance for a colour level. */
export function makePaint(level: ColorLevel): Paint {
  return new Chalk({ level });
}

/** The paint for one of the command's streams, from --no-color and the environment (colorLevel's rules). */
export function paintFor(ctx: { readonly noColor: boolean; readonly env: ColorSettings['env'] }, stream: NodeJS.WriteStream): Paint {
  return makePaint(colorLevel(stream, { noColorFlag: ctx.noColor, env: ctx.env }));
}
