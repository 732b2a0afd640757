import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// base './': the built site works from any sub-path (a project page, a course site) with no server code.
export default defineConfig({
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  // manifest: scripts/checkBundle.ts finds the main chunk and what it imports.
  build: { target: 'es2022', sourcemap: true, manifest: true },
  preview: { port: 4173, strictPort: true },
});
