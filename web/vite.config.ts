import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// The C++ server (`tongban serve`) serves dist/ at the site root: index.html for every
// SPA path, and everything else from /assets/ with content-hashed names (cacheable forever).
export default defineConfig({
  base: '/',
  plugins: [vue()],
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    // Everything is bundled: no CDN fonts, icons or scripts at run time.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 400,
  },
  server: {
    // `npm run dev`: the API comes from a `tongban serve` (or e2e/static-server.mjs) on :8080.
    proxy: {
      '/healthz': 'http://127.0.0.1:8080',
      '/api': 'http://127.0.0.1:8080',
    },
  },
})
