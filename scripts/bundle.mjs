// Bundles the compiled CLI (dist/, from tsc) into dist/bundle/, which bin/leadq.js runs.
//
// Why: Node loads ES modules level by level — a module's imports are found only once it is read — so ~100 modules
// imported in chains cost ~40 ms before a command runs (measured: a chain of 100 empty modules 42 ms, the same 100
// imported side by side 13 ms). The bundle is a few chunks that import each other flatly; the lazy imports stay lazy
// (each a chunk of its own: the rules, zod, the interview, PostgreSQL load only for the commands that need them).
// node-postgres is bundled too (18 ms of module loading for every PostgreSQL command); better-sqlite3 (native) and the
// other packages stay in node_modules.
//
// The compiled files stay where they are: worker threads and the maintenance helper run from them, and every
// `import.meta.url` in a bundled module is rewritten to its compiled file's URL, so that data files and companion
// scripts are found where they always were. dist/bundle/modules.json lists the modules in each chunk (the module-trace
// tests read it to see which modules a command loaded).
import { rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const out = join(dist, 'bundle');
const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));

// Bundled: leadq's own modules and node-postgres with its cursor. Everything else is imported from node_modules
// (pg-copy-streams too: only imports use it, and its named exports are read the way Node reads CommonJS).
const BUNDLED = new Set(['pg', 'pg-cursor']);
const external = [
  ...Object.keys(pkg.dependencies).filter((name) => !BUNDLED.has(name)),
  // Optional modules node-postgres requires only when asked for (native bindings, Cloudflare's sockets).
  'pg-native',
  'pg-cloudflare',
  'cloudflare:sockets',
];

/** Rewrites import.meta.url in a compiled module to that module's own URL, computed from the chunk it lands in. */
const ownUrl = {
  name: 'own-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\/dist\/.*\.js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      const url = `new URL(${JSON.stringify(relative(out, args.path))}, import.meta.url).href`;
      return { contents: text.replaceAll('import.meta.url', url), loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};

/**
 * node-postgres' crypto helpers, as src/store/postgres/pg-crypto.ts computes them (Node's synchronous hashes, not
 * WebCrypto: ~4 ms less of every login). Only the two requires of that one module are redirected.
 */
const pgCrypto = {
  name: 'pg-crypto',
  setup(b) {
    const ours = join(dist, 'store/postgres/pg-crypto.js');
    b.onResolve({ filter: /^\.\/(crypto\/)?utils$/ }, (args) => {
      const own = args.importer.replaceAll('\\', '/');
      const pgCryptoUtils =
        (args.path === './utils' && own.endsWith('/node_modules/pg/lib/crypto/sasl.js')) || (args.path === './crypto/utils' && own.endsWith('/node_modules/pg/lib/client.js'));
      return pgCryptoUtils ? { path: ours } : undefined;
    });
  },
};

rmSync(out, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: [join(dist, 'main.js')],
  outdir: out,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external,
  // node-postgres is CommonJS and requires Node's modules: a require() for the chunks that hold it.
  banner: { js: "import { createRequire as leadqCreateRequire } from 'node:module'; const require = leadqCreateRequire(import.meta.url);" },
  plugins: [ownUrl, pgCrypto],
  metafile: true,
  sourcemap: true,
  logLevel: 'warning',
});

const modules = {};
for (const [file, output] of Object.entries(result.metafile.outputs)) {
  if (!file.endsWith('.js')) continue;
  modules[relative(out, join(root, file))] = Object.keys(output.inputs);
}
writeFileSync(join(out, 'modules.json'), `${JSON.stringify(modules, null, 1)}\n`);
