// Security headers on every answer (@fastify/helmet), with one Content-Security-Policy for the console, the party's
// portal and the public pages — all one Vite + React + Ant Design build — and for the Swagger UI at /api/docs.
//
// The built index.html loads one module script and its stylesheet from /assets: no inline script, so script-src is
// 'self' alone. Ant Design (cssinjs) writes <style> elements at run time, hence style-src 'unsafe-inline' (styles
// cannot run code). data: and blob: images: the QR code and the signature pad (data:), a photo previewed before its
// upload, a stored file fetched with the session and previewed in a window (blob:). Nothing is loaded from another
// origin — except the base map's tiles when MAP_TILE_URL names a tile host (fetched by the map: connect-src and img-src)
// — and no page may be framed.
import helmet from '@fastify/helmet';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppConfig } from '../config.ts';

export function contentSecurityPolicy(https: boolean, tileOrigins: readonly string[] = []): Record<string, string[]> {
  return {
    'default-src': ["'self'"],
    'base-uri': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:', ...tileOrigins],
    'font-src': ["'self'", 'data:'],
    'media-src': ["'self'", 'blob:'],
    // A stored PDF (evidence, a scan) is fetched with the session and previewed from its blob in a window of the console.
    'frame-src': ["'self'", 'blob:'],
    'connect-src': ["'self'", ...tileOrigins],
    'object-src': ["'none'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    // On a plain-http intranet address this would send every request to an https port that does not exist.
    ...(https ? { 'upgrade-insecure-requests': [] } : {}),
  };
}

/** Pages whose address carries a code or token (`/verify/<id>?c=…`, `/confirm/<token>`) or a party's case. */
const NO_REFERRER_PAGES = [/^\/portal(\/|\?|$)/, /^\/verify\//, /^\/confirm\//, /^\/sandbox-pay\//];

/**
 * `no-referrer` for the portal and the public pages whose URLs carry codes: a link followed from them tells the next
 * site nothing. Their own API calls still say where they come from (the console's fetch asks for `same-origin`).
 */
export function markNoReferrerPage(url: string, reply: FastifyReply): void {
  if (NO_REFERRER_PAGES.some((p) => p.test(url))) reply.header('referrer-policy', 'no-referrer');
}

export async function installSecurityHeaders(app: FastifyInstance, config: Pick<AppConfig, 'publicBaseUrl' | 'map'>): Promise<void> {
  const https = config.publicBaseUrl.startsWith('https://');
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(https, config.map.tileOrigins) },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    // Browsers honour HSTS only over https; sent when the public address is https (180 days, this host only).
    strictTransportSecurity: https ? { maxAge: 180 * 24 * 3600, includeSubDomains: false } : false,
  });
}
