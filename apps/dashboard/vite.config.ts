import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API (apps/api) serves /api, the OpenAPI docs and the widget bundle; in development Vite
// forwards those to it so the SPA and the session cookie share one origin, as in production.
// `changeOrigin` stays off: the API's CSRF check compares Origin with the Host it receives.
const api = 'http://127.0.0.1:3000';

const UI = /node_modules[\\/](@mantine|@tabler|@floating-ui|react-remove-scroll|react-style-singleton|use-callback-ref|use-sidecar|react-number-format|react-textarea-autosize|@tanstack[\\/]react-virtual|@tanstack[\\/]virtual-core)/;
const SHARED = /[\\/]src[\\/](components|lib|hooks|features)[\\/]/;
const SETTINGS = /[\\/]src[\\/]features[\\/](channels|members|organization|faqs)[\\/](components|utils)[\\/]/;
const ADMIN_UI = /node_modules[\\/](react-number-format|@mantine[\\/]core[\\/]esm[\\/]components[\\/](ColorInput|ColorPicker|NumberInput|Table|Grid|SimpleGrid|ThemeIcon|AlphaSlider|HueSlider|ColorSwatch))/;

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    rolldownOptions: {
      output: {
        // Few, well-cached chunks instead of one per shared module: over HTTP/1.1 a route that needs
        // thirty 1-KB files waits on six connections. Everything the first page needs is one chunk;
        // the component library and our own shared code used by the lazy routes are one chunk each;
        // route files (and drag-and-drop, FAQs only) stay separate.
        codeSplitting: {
          groups: [
            { name: 'app-initial', tags: ['$initial'], priority: 3 },
            // Settings-only widgets (colour picker, number input, tables): not on the inbox's path.
            { name: 'ui', test: (id) => UI.test(id) && !ADMIN_UI.test(id), priority: 2 },
            { name: 'ui-settings', test: ADMIN_UI, priority: 2 },
            // Our shared code: what the inbox needs, and what only the settings pages need.
            { name: 'shared', test: (id) => SHARED.test(id) && !SETTINGS.test(id), priority: 1 },
            { name: 'shared-settings', test: SETTINGS, priority: 0 },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': { target: api, ws: true },
      '/docs': api,
      // The widget loader, its versioned bundle and the demo page (the channel page links to it).
      '/widget': api,
      '/demo': api,
    },
  },
});
