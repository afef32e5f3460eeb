// Documentation is tested: a README's ```js blocks are run with node, from the package folder (so
// '@neurobridge/*' resolves to the built dist/, as for a user after `pnpm build`); a block that
// logs must be followed by "prints" and a ```text block, and must print exactly that text.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every ```js block of a package README, with the text it prints when the README shows it (a
 * "prints" line and a ```text block right after), else null. (```ts blocks are type signatures
 * and TypeScript usage, not runnable by node; they are not returned.)
 */
export function readmeExamples(pkg: string): { code: string; printed: string | null }[] {
  const readme = readFileSync(join(pkg, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```js\n([\s\S]*?)```(\s*\n\s*prints\s*\n\s*```text\n([\s\S]*?)```)?/g)].map((m) => ({ code: m[1], printed: m[3] ?? null }));
  // a block that logs shows what it logs, so the values a reader sees are the values the test checks
  const unshown = blocks.find((b) => b.printed === null && b.code.includes('console.log'));
  if (unshown) throw new Error(`${pkg}/README.md: a js block logs but shows no "prints" block under it:\n${unshown.code.slice(0, 300)}`);
  return blocks;
}

/** What a README block prints, run as an ES module inside the package (a scratch folder, removed after). */
export function runReadmeBlock(pkg: string, code: string, timeoutMs = 60_000): string {
  const dir = mkdtempSync(join(pkg, '.readme-'));
  try {
    writeFileSync(join(dir, 'block.mjs'), code);
    return execFileSync(process.execPath, [join(dir, 'block.mjs')], { cwd: pkg, encoding: 'utf8', timeout: timeoutMs });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
