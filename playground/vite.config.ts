/**
 * Vite configuration of the playground. The root is this folder; the app imports the
 * language, compiler and runtime from the repository, and the programs under
 * `programs/` at build time. Monaco goes to its own chunks so its size can be reported
 * apart from ours.
 */
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: './',
  clearScreen: false,
  server: { fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] } },
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    reportCompressedSize: false,
    rollupOptions: {
      output: {
        manualChunks(id: string): string | undefined {
          return id.includes('node_modules/monaco-editor/') ? 'monaco' : undefined;
        },
      },
    },
  },
});
