// The API reference is generated from the doc comments (`pnpm docs:api`, TypeDoc): every export of
// every package is documented (TypeDoc's notDocumented validation), links resolve, and nothing
// an export refers to is left out — warnings are errors (typedoc.json). Nothing is written here.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..', '..');

describe('API reference (TypeDoc)', () => {
  it('every export of every package is documented, with no TypeDoc warning', () => {
    let out = '';
    try {
      out = execFileSync(process.execPath, [join(root, 'node_modules/typedoc/bin/typedoc'), '--emit', 'none'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 });
    } catch (e) {
      const err = e as { stdout?: string; stderr?: string };
      out = `${err.stdout ?? ''}${err.stderr ?? ''}`;
    }
    const warnings = out.split('\n').filter((l) => /\[(warning|error)\]/.test(l));
    expect(warnings, warnings.slice(0, 20).join('\n')).toEqual([]);
  }, 300_000);
});
