import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The checkout's root, whether running from src/ under ts-jest or from dist/src/ after tsc. */
export const repoRoot = ((): string => {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${__dirname}`);
    dir = parent;
  }
  return dir;
})();
