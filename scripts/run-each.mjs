// Runs every file matching packages/*/<folder>/*.mjs with node, one after another,
// from its package's folder (so `@neurobridge/*` resolves to the built dist/).
// Usage: node scripts/run-each.mjs <folder> [filter]
import { readdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';

const [folder, filter] = process.argv.slice(2);
if (!folder) {
  console.error('usage: node scripts/run-each.mjs <examples|bench> [filter]');
  process.exit(2);
}
const root = resolve(import.meta.dirname, '..');
const order = ['core', 'lif', 'lowrank', 'learn', 'coding', 'exam'];
const pkgs = readdirSync(join(root, 'packages')).sort((a, b) => {
  const ia = order.indexOf(a), ib = order.indexOf(b);
  return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b);
});
let failed = 0, ran = 0;
for (const pkg of pkgs) {
  const dir = join(root, 'packages', pkg, folder);
  if (!existsSync(dir)) continue;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.mjs')).sort()) {
    const rel = `packages/${pkg}/${folder}/${file}`;
    if (filter && !rel.includes(filter)) continue;
    console.log(`\n=== ${rel} ===`);
    const r = spawnSync(process.execPath, [join(folder, file)], {
      cwd: join(root, 'packages', pkg),
      stdio: 'inherit',
    });
    ran++;
    if (r.status !== 0) {
      failed++;
      console.error(`FAILED: ${rel} (exit ${r.status})`);
    }
  }
}
console.log(`\n${ran - failed} passed, ${failed} failed (${folder})`);
process.exit(failed ? 1 : 0);
