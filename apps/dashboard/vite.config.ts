import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API (apps/api) serves /api, the OpenAPI docs and the widget bundle; in development Vite
// forwards those to it so the SPA and the session cookie share one origin, as in production.
// `changeOrigin` stays off: the API's CSRF check compares Origin with the Host it receives.
const api = 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist' },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': { target: api, ws: true },
      '/docs': api,
      '/widget.js': api,
    },
  },
});
