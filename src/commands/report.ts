import type { Command } from 'commander';

/** Registers `leadq report` (not built yet: owned by its issue). */
export function register(program: Command): void {
  void program;
}
