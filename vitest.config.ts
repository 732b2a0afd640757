import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  test: {
    reporters: ['default', ['json', { outputFile: 'reports/vitest.json' }]],
    projects: [
      {
        extends: true,
        test: {
          name: 'core',
          environment: 'node',
          include: [
            'src/sim/**/*.test.ts',
            'src/scenario/**/*.test.ts',
            'src/protocol/**/*.test.ts',
            'src/worker/**/*.test.ts',
            'src/trace/**/*.test.ts',
            'cli/**/*.test.ts',
            'scripts/**/*.test.ts',
          ],
          testTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'ui',
          environment: 'happy-dom',
          include: [
            'src/client/**/*.test.{ts,tsx}',
            'src/state/**/*.test.{ts,tsx}',
            'src/viz/**/*.test.{ts,tsx}',
            'src/ui/**/*.test.{ts,tsx}',
          ],
          testTimeout: 30_000,
        },
      },
    ],
  },
});
