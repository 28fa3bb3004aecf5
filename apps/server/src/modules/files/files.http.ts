// How a stored file leaves the server: as an attachment (never rendered under the console's origin), with
// `nosniff` and a sandboxing CSP, its type only when it is one of the types uploads accept. A PDF may be shown inline
// where the console previews it — still sandboxed.
import type { FastifyReply } from 'fastify';
import { servedFileType } from './file-types.ts';

export type ServedFile = { bytes: Buffer; mime: string; sm3: string; filename: string };

function disposition(kind: 'inline' | 'attachment', filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_') || 'file';
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** Headers every stored file is served with. */
export function fileHeaders(reply: FastifyReply, mime: string, filename: string, inline = false): FastifyReply {
  const type = servedFileType(mime);
  return reply
    .header('content-type', type)
    .header('content-disposition', disposition(inline && type === 'application/pdf' ? 'inline' : 'attachment', filename))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', 'sandbox')
    .header('cache-control', 'private, no-store');
}

export function sendStoredFile(reply: FastifyReply, file: ServedFile, opts: { inline?: boolean } = {}): FastifyReply {
  return fileHeaders(reply, file.mime, file.filename, opts.inline).header('x-content-sm3', file.sm3).send(file.bytes);
}

/** The file name of a served file: the object's own name and the extension of its type. */
export function fileNameFor(base: string, mime: string): string {
  const ext: Record<string, string> = {
    'image/jpeg': 'jpg',
    'image/png': 'png',
    'image/webp': 'webp',
    'image/heic': 'heic',
    'image/heif': 'heif',
    'video/mp4': 'mp4',
    'video/quicktime': 'mov',
    'audio/mpeg': 'mp3',
    'audio/aac': 'aac',
    'audio/mp4': 'm4a',
    'audio/wav': 'wav',
    'application/pdf': 'pdf',
    'application/zip': 'zip',
  };
  const clean = base.replace(/[\\/:*?"<>|\r\n]+/g, ' ').trim() || 'file';
  return ext[mime] ? `${clean}.${ext[mime]}` : clean;
}
