// Documentation is tested: the README's ```js block followed by a ```text block is run with node
// (against the built dist/, as a user would after `pnpm build`) and must print exactly that text.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const pkg = join(import.meta.dirname, '..');
const readme = readFileSync(join(pkg, 'README.md'), 'utf8');
const pairs = [...readme.matchAll(/```js\n([\s\S]*?)```\s*\n\s*prints\s*\n\s*```text\n([\s\S]*?)```/g)];

describe('README example prints what the README shows', () => {
  it('has the example', () => expect(pairs.length).toBe(1));
  pairs.forEach(([, code, printed], i) => {
    it(`block ${i + 1}`, () => {
      const dir = mkdtempSync(join(pkg, '.readme-'));
      try {
        writeFileSync(join(dir, 'block.mjs'), code);
        const out = execFileSync(process.execPath, [join(dir, 'block.mjs')], { cwd: pkg, encoding: 'utf8', timeout: 60_000 });
        expect(out).toBe(printed);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }, 60_000);
  });
});
