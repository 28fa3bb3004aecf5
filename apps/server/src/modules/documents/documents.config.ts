// Environment of the documents feature, read once: PUBLIC_BASE_URL (the origin printed in the QR code of each
// document; default http://localhost:<PORT>). DOC_KEY_SECRET and PDF_FALLBACK_FONTS are read by
// document-signing.ts and pdf/fonts.ts.
import type { AppConfig } from '../../config.ts';

let cached: { publicBaseUrl: string } | null = null;

export function documentsConfig(config: Pick<AppConfig, 'port'>, env: NodeJS.ProcessEnv = process.env): { publicBaseUrl: string } {
  if (cached) return cached;
  const raw = env.PUBLIC_BASE_URL?.trim();
  if (raw && !/^https?:\/\/[^/]+/.test(raw)) throw new Error('PUBLIC_BASE_URL must start with http:// or https://');
  cached = { publicBaseUrl: (raw || `http://localhost:${config.port}`).replace(/\/+$/, '') };
  return cached;
}
