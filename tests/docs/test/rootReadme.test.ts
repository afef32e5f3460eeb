// Documentation is tested: the root README's "One example per package" blocks are the packages'
// examples/tour.mjs, word for word, and print what the README shows under them (run with node
// from the package folder, against the built dist/, as a user after `pnpm build`). Every ```js
// block of the root README that logs something shows its output.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runReadmeBlock } from '../../../test-support/readmeBlocks.js';

const root = join(import.meta.dirname, '..', '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** Each ```js block of the root README, the package heading above it (or null) and what it prints (or null). */
function rootBlocks(): { pkg: string | null; code: string; printed: string | null }[] {
  const blocks: { pkg: string | null; code: string; printed: string | null }[] = [];
  const re = /```js\n([\s\S]*?)```(\s*\n\s*prints\s*\n\s*```text\n([\s\S]*?)```)?/g;
  for (const m of readme.matchAll(re)) {
    const before = readme.slice(0, m.index);
    const heading = [...before.matchAll(/^#+ (.*)$/gm)].at(-1)?.[1] ?? '';
    const pkg = /^`@neurobridge\/(\w+)`/.exec(heading)?.[1] ?? null;
    blocks.push({ pkg, code: m[1], printed: m[3] ?? null });
  }
  return blocks;
}

const blocks = rootBlocks();
const tours = blocks.filter((b) => b.pkg !== null);

describe('root README', () => {
  it('has one example per library package, and every block that logs shows what it prints', () => {
    expect(tours.map((b) => b.pkg)).toEqual(['core', 'lif', 'lowrank', 'learn', 'coding']);
    for (const b of blocks) if (b.code.includes('console.log')) expect(b.printed, b.code.slice(0, 80)).not.toBeNull();
  });
  for (const { pkg, code, printed } of tours) {
    it(`@neurobridge/${pkg}: the block is examples/tour.mjs and prints what the README shows`, () => {
      const dir = join(root, 'packages', pkg!);
      const tour = readFileSync(join(dir, 'examples', 'tour.mjs'), 'utf8');
      expect(tour.slice(tour.indexOf('\n') + 1)).toBe(code); // the first line of the tour says where it is shown
      expect(runReadmeBlock(dir, code, 120_000)).toBe(printed);
    });
  }
});
