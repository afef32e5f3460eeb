// Documentation is tested: every README block that shows what it prints is run and compared.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readmeExamples, runReadmeBlock } from '../../../test-support/readmeBlocks.js';

const pkg = join(import.meta.dirname, '..');
const examples = readmeExamples(pkg);

describe('README examples print what the README shows', () => {
  it('has the examples', () => expect(examples.length).toBe(2));
  examples.forEach(({ code, printed }, i) => {
    it(`block ${i + 1}`, () => expect(runReadmeBlock(pkg, code)).toBe(printed), 60_000);
  });
});
