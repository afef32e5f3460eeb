// Importing the BUILT NeuroBridge packages (dist/) from the repository root, where
// `@neurobridge/*` does not resolve: each package is resolved from its own folder through its
// package.json self-reference, so its own dependencies (@neurobridge/core, ml-matrix) resolve too.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const ROOT = join(import.meta.dirname, '..', '..', '..');

/** Absolute path of `specifier` resolved from packages/<pkg>/, or null. */
export function resolveFrom(pkg, specifier) {
  const req = createRequire(join(ROOT, 'packages', pkg, 'package.json'));
  try {
    return req.resolve(specifier);
  } catch {
    return null;
  }
}

/**
 * Imports @neurobridge/<pkg> (its dist/) and checks that it exports `names`.
 * Returns { mod, path } or { missing: 'reason' } — never throws, so a case whose library
 * has not landed yet is reported as not available instead of crashing the run.
 */
export async function importPackage(pkg, names) {
  const path = resolveFrom(pkg, `@neurobridge/${pkg}`);
  if (!path || !existsSync(path)) {
    return { missing: `@neurobridge/${pkg} is not built (no dist/index.js; run pnpm build)` };
  }
  let mod;
  try {
    mod = await import(pathToFileURL(path).href);
  } catch (e) {
    return { missing: `@neurobridge/${pkg} failed to load: ${e.message.split('\n')[0]}` };
  }
  const absent = names.filter((n) => typeof mod[n] !== 'function' && mod[n] === undefined);
  if (absent.length) return { missing: `@neurobridge/${pkg} does not export ${absent.join(', ')} yet` };
  return { mod, path };
}

/** Imports a dependency of a package (e.g. ml-matrix from learn). */
export async function importDependency(pkg, specifier) {
  const path = resolveFrom(pkg, specifier);
  if (!path) return { missing: `${specifier} is not installed for packages/${pkg}` };
  return { mod: await import(pathToFileURL(path).href), path };
}
