import { defineConfig } from 'vite';

// One self-contained script for third-party pages: IIFE, no chunks, no public dir.
export default defineConfig({
  publicDir: false,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    minify: true,
    target: 'es2020',
    lib: {
      entry: 'src/index.ts',
      name: 'HelpStackWidget',
      formats: ['iife'],
      fileName: () => 'widget.js',
    },
  },
});
