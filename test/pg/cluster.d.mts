// Types of cluster.mjs (plain JavaScript, so vitest's globalSetup, the benchmarks and .ci/run can all run it).

export interface Cluster {
  /** The database `leadq`, owned by the superuser `leadq` (password `leadq-test`). */
  readonly url: string;
  /** The `postgres` database of the same server, for CREATE DATABASE and roles. */
  readonly adminUrl: string;
  readonly port: number;
  readonly dir: string;
  readonly bin: string;
  stop(): void;
}

export function findPgBin(env?: NodeJS.ProcessEnv): string | undefined;
export function startCluster(options?: { bin?: string; port?: number; ssl?: { cert: string; key: string } }): Promise<Cluster>;
export function stopCluster(cluster: { dir: string; bin: string }): void;
