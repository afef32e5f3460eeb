import { defineConfig } from 'vitest/config';

// One root config; each package is a project whose tests live in its test/ folder.
// The `source` condition resolves @neurobridge/* to their TypeScript sources, so the
// tests never depend on a stale dist/.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'tests/*'],
  },
});
