import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

// The API server serves the production build from apps/web/dist at `/` (SPA fallback).
// In development, `vite` proxies the API to the server on port 3000.
// The console is an installable web app (docs/field-app.md): a manifest, and a service worker (Workbox) that keeps the
// app shell and answers the officer's reads from the last copy when there is no signal (NetworkFirst); writes are never
// cached — the field outbox (src/field/field-queue.ts) keeps them.
export default defineConfig({
  plugins: [
    react(),
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: 'script',
      includeAssets: ['icon.svg'],
      manifest: {
        name: '城管综合执法平台',
        short_name: '城管执法',
        description: '城管综合执法平台：外勤离线可用',
        lang: 'zh-CN',
        start_url: '/field',
        scope: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#1659c7',
        icons: [
          { src: '/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
          { src: '/icon.svg', sizes: '512x512', type: 'image/svg+xml', purpose: 'maskable' },
        ],
      },
      workbox: {
        navigateFallback: '/index.html',
        // The public pages are always fetched from the server: it sends them their own headers (the portal's and the
        // code-carrying pages' `Referrer-Policy: no-referrer`, apps/server/src/http/security-headers.ts), which a copy
        // of the shell kept by the worker would not carry.
        navigateFallbackDenylist: [
          /^\/api\//,
          /^\/portal(\/|$)/,
          /^\/verify(\/|$)/,
          /^\/confirm\//,
          /^\/sandbox-pay\//,
          /^\/disclosure(\/|$)/,
          /^\/digests(\/|$)/,
        ],
        globPatterns: ['**/*.{js,css,html,svg,woff2}'],
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        cleanupOutdatedCaches: true,
        runtimeCaching: [
          {
            urlPattern: ({ url, request }) =>
              request.method === 'GET' &&
              url.origin === self.location.origin &&
              (url.pathname.startsWith('/api/v1/') || url.pathname === '/api/auth/me') &&
              !url.pathname.endsWith('.xlsx') &&
              !url.pathname.includes('/file'),
            handler: 'NetworkFirst',
            options: {
              cacheName: 'api-reads',
              networkTimeoutSeconds: 6,
              expiration: { maxEntries: 400, maxAgeSeconds: 3 * 24 * 3600 },
              cacheableResponse: { statuses: [200] },
            },
          },
        ],
      },
    }),
  ],
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
