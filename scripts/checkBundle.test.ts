import { describe, expect, it } from 'vitest';
import { engineModulesIn, mainChunkFiles } from './checkBundle.ts';

describe('bundle check', () => {
  it('flags engine and worker modules, not the core data or other layers', () => {
    const sources = [
      'src/sim/public.ts',
      'src/sim/strategy.ts',
      'src/sim/constants.ts',
      'src/sim/eventLog.ts',
      'src/sim/engine.ts',
      'src/worker/host.ts',
      'src/ui/App.tsx',
      'node_modules/react/index.js',
    ];
    expect(engineModulesIn(sources)).toEqual(['src/sim/eventLog.ts', 'src/sim/engine.ts', 'src/worker/host.ts']);
  });

  it('follows static imports from the entry, not dynamic imports or other entries', () => {
    const manifest = {
      'index.html': { file: 'assets/index.js', isEntry: true, imports: ['_shared.js'] },
      '_shared.js': { file: 'assets/shared.js', imports: ['_deep.js'] },
      '_deep.js': { file: 'assets/deep.js' },
      'src/lazy.ts': { file: 'assets/lazy.js', imports: ['_shared.js'] },
    };
    expect(mainChunkFiles(manifest)).toEqual(['assets/index.js', 'assets/shared.js', 'assets/deep.js']);
  });
});
