// What may be uploaded: the media the platform needs as evidence and records (photos, video, audio, scanned PDFs).
// Active content — SVG, HTML, XML, JavaScript, anything a browser would run — is refused however it is declared: the
// declared type must be one of ours AND the bytes must carry that type's magic number, so a script sent as
// `image/jpeg` is refused too. Files are served as attachments with `nosniff` besides (files.http.ts).
import { AppError } from '../../errors/app-error.ts';

export const ALLOWED_FILE_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/heic',
  'image/heif',
  'video/mp4',
  'video/quicktime',
  'audio/mpeg',
  'audio/aac',
  'audio/mp4',
  'audio/wav',
  'application/pdf',
] as const;
export type AllowedFileType = (typeof ALLOWED_FILE_TYPES)[number];

/** Names under which clients declare our types. */
const ALIASES: Record<string, AllowedFileType> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'audio/mp3': 'audio/mpeg',
  'audio/x-wav': 'audio/wav',
  'audio/wave': 'audio/wav',
  'audio/vnd.wave': 'audio/wav',
  'audio/x-m4a': 'audio/mp4',
  'audio/m4a': 'audio/mp4',
  'audio/x-aac': 'audio/aac',
};

const ascii = (b: Uint8Array, from: number, to: number) => Buffer.from(b.subarray(from, to)).toString('latin1');

/** ISO base media (MP4, QuickTime, HEIF, M4A): `ftyp` box at offset 4, its major brand after. */
function isoBrand(b: Uint8Array): string | null {
  return b.length >= 12 && ascii(b, 4, 8) === 'ftyp' ? ascii(b, 8, 12) : null;
}

const HEIF_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1']);
const M4A_BRANDS = new Set(['M4A ', 'M4B ', 'F4A ']);

/** The type the bytes are, by their magic number; null when they are none of ours. */
export function sniffFileType(b: Uint8Array): AllowedFileType | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && b[0] === 0x89 && ascii(b, 1, 8) === 'PNG\r\n\x1a\n') return 'image/png';
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP') return 'image/webp';
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WAVE') return 'audio/wav';
  if (b.length >= 5 && ascii(b, 0, 5) === '%PDF-') return 'application/pdf';
  const brand = isoBrand(b);
  if (brand !== null) {
    if (HEIF_BRANDS.has(brand)) return 'image/heic';
    if (M4A_BRANDS.has(brand)) return 'audio/mp4';
    if (brand === 'qt  ') return 'video/quicktime';
    return 'video/mp4';
  }
  if (b.length >= 3 && ascii(b, 0, 3) === 'ID3') return 'audio/mpeg';
  // MPEG audio frame sync: 11 set bits; layer bits 01 (III) for MP3, 00 for ADTS (AAC).
  if (b.length >= 2 && b[0] === 0xff && (b[1]! & 0xe0) === 0xe0) return (b[1]! & 0x06) === 0 ? 'audio/aac' : 'audio/mpeg';
  return null;
}

/** Types that are one family for this check: a HEIF photo declared as either name, an M4A declared as AAC. */
function sameFamily(declared: AllowedFileType, sniffed: AllowedFileType): boolean {
  if (declared === sniffed) return true;
  const family = (t: AllowedFileType) =>
    t === 'image/heif' ? 'image/heic' : t === 'video/quicktime' ? 'video/mp4' : t === 'audio/aac' ? 'audio/mp4' : t;
  return family(declared) === family(sniffed);
}

function refused(field: string, zh: string, en: string): AppError {
  return new AppError('FILE_TYPE_REFUSED', {
    field,
    message: `${field}：${zh}`,
    messageEn: `${field}: ${en}`,
    details: [{ field, message: zh, messageEn: en }],
  });
}

const ALLOWED_ZH = 'JPEG、PNG、WebP、HEIC 图片，MP4/MOV 视频，MP3、AAC/M4A、WAV 音频或 PDF';
const ALLOWED_EN = 'JPEG, PNG, WebP or HEIC images, MP4/MOV video, MP3, AAC/M4A or WAV audio, or PDF';

/**
 * The type to store the upload under, or a 415 naming the field: the declared type (`Content-Type`) must be one of
 * `allowed` — `application/octet-stream` means "unknown", and then the bytes decide — and the bytes must be that type.
 */
export function acceptedFileType(
  bytes: Uint8Array,
  declaredRaw: string,
  allowed: readonly AllowedFileType[] = ALLOWED_FILE_TYPES,
): AllowedFileType {
  const lower = declaredRaw.split(';')[0]!.trim().toLowerCase();
  const declared = (ALIASES[lower] ?? lower) as AllowedFileType;
  const sniffed = sniffFileType(bytes);
  if (lower !== 'application/octet-stream' && lower !== '' && !allowed.includes(declared)) {
    throw refused(
      'Content-Type',
      `不允许上传 ${lower || '未声明类型'} 文件（可能含有脚本等活动内容），只能上传${ALLOWED_ZH}`,
      `${lower || 'an undeclared type'} may not be uploaded (it may carry active content); upload ${ALLOWED_EN}`,
    );
  }
  if (!sniffed || !allowed.includes(sniffed)) {
    throw refused('body', `文件内容不是允许的类型（只能上传${ALLOWED_ZH}）`, `the bytes are not of an allowed type (upload ${ALLOWED_EN})`);
  }
  if (lower !== 'application/octet-stream' && lower !== '' && !sameFamily(declared, sniffed)) {
    throw refused('body', `文件内容（${sniffed}）与声明的类型 ${lower} 不符`, `the bytes (${sniffed}) are not the declared ${lower}`);
  }
  return lower === 'application/octet-stream' || lower === '' ? sniffed : declared;
}

/** What the platform makes itself besides: the court package (行政强制法 Art. 55). */
const GENERATED_TYPES = ['application/zip'];

/** The type a stored file is served under: its own when it is one of ours, else opaque bytes (older uploads). */
export function servedFileType(mime: string): string {
  return (ALLOWED_FILE_TYPES as readonly string[]).includes(mime) || GENERATED_TYPES.includes(mime) ? mime : 'application/octet-stream';
}
