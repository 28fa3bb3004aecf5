// A photo taken in the field gets its watermark burned in at capture — time, place and officer — on a canvas, and its
// SM3 computed over the watermarked JPEG's bytes there and then: the evidence chain starts on the phone; the server
// refuses bytes that no longer hash to it (docs/field-app.md).
import { sm3Hex } from '@chengguan/domain';

export type Watermark = { at: Date; place: string; officer: string };

function stamp(at: Date): string {
  const local = new Date(at.getTime() + 8 * 3_600_000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 19)}`;
}

async function load(file: Blob): Promise<HTMLImageElement> {
  const url = URL.createObjectURL(file);
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    return img;
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** The watermarked JPEG and its SM3 (64 lowercase hex digits). */
export async function watermarkPhoto(file: Blob, w: Watermark): Promise<{ bytes: Blob; sm3: string }> {
  const img = await load(file);
  const scale = Math.min(1, 1600 / Math.max(img.naturalWidth, img.naturalHeight, 1));
  const width = Math.max(320, Math.round(img.naturalWidth * scale));
  const height = Math.max(240, Math.round(img.naturalHeight * scale));
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#808080';
  ctx.fillRect(0, 0, width, height);
  ctx.drawImage(img, 0, 0, width, height);
  const lines = [stamp(w.at), w.place, w.officer];
  const size = Math.max(14, Math.round(width / 40));
  ctx.font = `${size}px sans-serif`;
  ctx.fillStyle = 'rgba(0,0,0,0.45)';
  ctx.fillRect(0, height - (lines.length * (size + 6) + 10), width, lines.length * (size + 6) + 10);
  ctx.fillStyle = '#ffffff';
  lines.forEach((l, i) => ctx.fillText(l, 10, height - (lines.length - i - 1) * (size + 6) - 10));
  const bytes = await new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('canvas'))), 'image/jpeg', 0.85),
  );
  return { bytes, sm3: await sm3OfBlob(bytes) };
}

/** The SM3 of a blob's bytes (a signature drawn on the phone, a photo), computed where it was made. */
export async function sm3OfBlob(bytes: Blob): Promise<string> {
  return sm3Hex(new Uint8Array(await bytes.arrayBuffer()));
}
