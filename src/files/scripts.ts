import { existsSync } from 'node:fs';

/**
 * A script that runs beside this module in another thread or process (a scoring worker, the maintenance helper): its
 * compiled .js file next to this one. Running from the TypeScript source (the in-process tests run src/), that file
 * is the build's copy in dist/.
 */
export function companionScript(name: string, moduleUrl: string): URL {
  const url = new URL(name, moduleUrl);
  if (!moduleUrl.endsWith('.ts') || existsSync(url)) return url;
  const at = url.href.lastIndexOf('/src/');
  return new URL(`${url.href.slice(0, at)}/dist/${url.href.slice(at + '/src/'.length)}`);
}
