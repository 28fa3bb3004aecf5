import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The API server serves the production build from apps/web/dist at `/` (SPA fallback).
// In development, `vite` proxies the API to the server on port 3000.
export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1600,
  },
});
