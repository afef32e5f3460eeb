// Documentation is tested: every ```js block of the README runs (node, from the package folder,
// against the built dist/), and a block that shows what it prints must print exactly that.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readmeExamples, runReadmeBlock } from '../../../test-support/readmeBlocks.js';

const pkg = join(import.meta.dirname, '..');
const examples = readmeExamples(pkg);

describe('README examples run and print what the README shows', () => {
  it('has its examples', () => expect(examples.length).toBe(4));
  examples.forEach(({ code, printed }, i) => {
    it(`block ${i + 1}${printed === null ? ' runs' : ' prints what is shown'}`, () => {
      const out = runReadmeBlock(pkg, code);
      if (printed !== null) expect(out).toBe(printed);
    }, 60_000);
  });
});
