import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// Resolve from this file so the build works from any working directory (repo root or modeler-ui/).
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: { '/api': 'http://localhost:3000' },
  },
  preview: {
    port: 4173,
    strictPort: true,
  },
});
