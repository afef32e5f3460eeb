// Documentation is tested: a README's ```js blocks that are followed by "prints" and a ```text
// block are run with node, from the package folder (so '@neurobridge/*' resolves to the built
// dist/, as for a user after `pnpm build`), and must print exactly that text.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The (code, printed text) pairs of a package README. */
export function readmeExamples(pkg: string): { code: string; printed: string }[] {
  const readme = readFileSync(join(pkg, 'README.md'), 'utf8');
  return [...readme.matchAll(/```js\n([\s\S]*?)```\s*\n\s*prints\s*\n\s*```text\n([\s\S]*?)```/g)].map(([, code, printed]) => ({ code, printed }));
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
