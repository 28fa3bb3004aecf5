// Uploads take the media the platform needs and nothing a browser would run: the declared type must be one of ours and
// the bytes must carry that type's magic number (a script sent as image/jpeg is refused too), with a 4xx naming the
// field. What is stored is served as an attachment, never sniffed, sandboxed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, errorBody, OWN_ORIGIN, type TestContext } from './harness.ts';
import { caseKit, fine, investigatedCase, jpeg, notice, type CaseKit } from './cases-support.ts';
import { PNG_1X1, portalLogin } from './portal-support.ts';
import { acceptedFileType, sniffFileType } from '../src/modules/files/file-types.ts';
import { AppError } from '../src/errors/app-error.ts';

const ascii = (s: string) => Buffer.from(s, 'latin1');
const box = (brand: string) => Buffer.concat([Buffer.from([0, 0, 0, 0x18]), ascii(`ftyp${brand}`), Buffer.alloc(12)]);

/** One real header of each type the platform takes. */
const SAMPLES: Record<string, Buffer> = {
  'image/jpeg': jpeg('photo'),
  'image/png': Buffer.from(PNG_1X1, 'base64'),
  'image/webp': Buffer.concat([ascii('RIFF'), Buffer.from([0x24, 0, 0, 0]), ascii('WEBPVP8 '), Buffer.alloc(16)]),
  'image/heic': box('heic'),
  'video/mp4': box('isom'),
  'video/quicktime': box('qt  '),
  'audio/mpeg': Buffer.concat([ascii('ID3'), Buffer.from([3, 0, 0, 0, 0, 0, 0]), Buffer.alloc(16)]),
  'audio/aac': Buffer.from([0xff, 0xf1, 0x50, 0x80, 0x02, 0x1f, 0xfc, 0, 0, 0]),
  'audio/mp4': box('M4A '),
  'audio/wav': Buffer.concat([ascii('RIFF'), Buffer.from([0x24, 0, 0, 0]), ascii('WAVEfmt '), Buffer.alloc(16)]),
  'application/pdf': ascii('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n'),
};

const SVG = ascii('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.cookie)"/>');
const HTML = ascii('<!DOCTYPE html><html><script>fetch("/api/v1/me")</script></html>');
const SCRIPT = ascii('<script>alert(document.cookie)</script>');

describe('the type rule (declared type AND magic number)', () => {
  it('knows each type the platform takes by its bytes, and accepts it declared or as octet-stream', () => {
    for (const [type, bytes] of Object.entries(SAMPLES)) {
      expect(sniffFileType(bytes), type).toBe(type);
      expect(acceptedFileType(bytes, type), type).toBe(type);
      expect(acceptedFileType(bytes, 'application/octet-stream'), type).toBe(type);
    }
    expect(acceptedFileType(SAMPLES['image/jpeg']!, 'image/jpg; charset=binary')).toBe('image/jpeg');
    expect(acceptedFileType(SAMPLES['image/heic']!, 'image/heif')).toBe('image/heif');
  });

  it('refuses active content by its declared type, and any bytes that are not the declared type', () => {
    const refused = (bytes: Buffer, type: string) => {
      try {
        acceptedFileType(bytes, type);
      } catch (e) {
        if (e instanceof AppError) return { code: e.code, field: e.field };
        throw e;
      }
      return null;
    };
    for (const type of [
      'image/svg+xml',
      'text/html',
      'application/xhtml+xml',
      'text/xml',
      'application/xml',
      'text/javascript',
      'application/javascript',
    ]) {
      expect(refused(SVG, type), type).toEqual({ code: 'FILE_TYPE_REFUSED', field: 'Content-Type' });
    }
    expect(refused(SCRIPT, 'image/jpeg')).toEqual({ code: 'FILE_TYPE_REFUSED', field: 'body' });
    expect(refused(SVG, 'image/png')).toEqual({ code: 'FILE_TYPE_REFUSED', field: 'body' });
    expect(refused(HTML, 'application/octet-stream')).toEqual({ code: 'FILE_TYPE_REFUSED', field: 'body' });
    expect(refused(SAMPLES['image/jpeg']!, 'application/pdf')).toEqual({ code: 'FILE_TYPE_REFUSED', field: 'body' });
    expect(refused(SAMPLES['application/pdf']!, 'image/png')).toEqual({ code: 'FILE_TYPE_REFUSED', field: 'body' });
  });
});

let ctx: TestContext;
let kit: CaseKit;
beforeAll(async () => {
  ctx = await createTestContext();
  kit = await caseKit(ctx);
});
afterAll(async () => ctx?.close());

const upload = (bytes: Buffer, type: string | undefined, token = kit.tokens.pd_ljz_01!) =>
  ctx.app.inject({
    method: 'POST',
    url: '/api/v1/files',
    headers: { authorization: `Bearer ${token}`, ...(type ? { 'content-type': type } : {}) },
    payload: bytes,
  });

describe('POST /api/v1/files', () => {
  it('takes photos, video, audio and PDF, stored under the type the bytes are', async () => {
    for (const [type, bytes] of Object.entries(SAMPLES)) {
      const r = await upload(bytes, type);
      expect(r.statusCode, `${type}: ${r.body}`).toBe(201);
      expect(r.json()).toMatchObject({ mime: type, size: bytes.length });
    }
    const unknown = await upload(jpeg('declared as octet-stream'), 'application/octet-stream');
    expect(unknown.statusCode, unknown.body).toBe(201);
    expect(unknown.json()).toMatchObject({ mime: 'image/jpeg' });
  });

  it('refuses SVG and HTML (415 naming Content-Type) and a script disguised as a JPEG (415 naming body); nothing is stored', async () => {
    const before = await ctx.deps.db
      .selectFrom('files')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const svg = await upload(SVG, 'image/svg+xml');
    expect(svg.statusCode).toBe(415);
    expect(errorBody(svg)).toMatchObject({ code: 'FILE_TYPE_REFUSED', field: 'Content-Type' });
    expect(errorBody(svg).message).toContain('image/svg+xml');
    const html = await upload(HTML, 'text/html');
    expect(html.statusCode).toBe(415);
    expect(errorBody(html).field).toBe('Content-Type');
    const js = await upload(SCRIPT, 'application/javascript');
    expect(js.statusCode).toBe(415);
    const disguised = await upload(SCRIPT, 'image/jpeg');
    expect(disguised.statusCode).toBe(415);
    expect(errorBody(disguised)).toMatchObject({ code: 'FILE_TYPE_REFUSED', field: 'body' });
    expect(errorBody(disguised).messageEn).toContain('not of an allowed type');
    const svgAsPng = await upload(SVG, 'image/png');
    expect(svgAsPng.statusCode).toBe(415);
    expect(errorBody(svgAsPng).field).toBe('body');
    const after = await ctx.deps.db
      .selectFrom('files')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('the bare-hash download is gone: GET /api/v1/files/{sm3} is 404 even for the uploader', async () => {
    const r = await upload(jpeg('mine'), 'image/jpeg');
    const sm3 = (r.json() as { sm3: string }).sm3;
    const get = await ctx.api('GET', `/api/v1/files/${sm3}`, { token: kit.tokens.pd_ljz_01! });
    expect(get.statusCode).toBe(404);
  });
});

describe('POST /api/portal/files', () => {
  it('the party may attach photos and PDFs; an HTML page or a script disguised as a photo is refused naming the field', async () => {
    const c = await investigatedCase(kit);
    await kit.ok('pd_ljz_leader', c.id, 'reviewCase', { date: '2026-01-13', proposedOutcome: 'penalty', proposedPenalty: fine(5_000) });
    const after = await kit.ok('pd_ljz_01', c.id, 'issuePriorNotice', notice(5_000, true, '2026-03-02'));
    const number = after.documents.find((d) => d.docType === 'prior_notice')!.number;
    const p = await portalLogin(ctx, c.id, number);
    const send = (bytes: Buffer, type: string) =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/portal/files',
        headers: { cookie: p.cookie, origin: OWN_ORIGIN, 'content-type': type },
        payload: bytes,
      });
    expect((await send(SAMPLES['image/png']!, 'image/png')).statusCode).toBe(201);
    expect((await send(SAMPLES['application/pdf']!, 'application/pdf')).statusCode).toBe(201);
    const html = await send(HTML, 'text/html');
    expect(html.statusCode).toBe(415);
    expect(errorBody(html).field).toBe('Content-Type');
    const disguised = await send(SCRIPT, 'image/jpeg');
    expect(disguised.statusCode).toBe(415);
    expect(errorBody(disguised).field).toBe('body');
    // Video is evidence an officer takes, not a portal attachment.
    const video = await send(SAMPLES['video/mp4']!, 'video/mp4');
    expect(video.statusCode).toBe(415);
    expect(errorBody(video).field).toBe('Content-Type');
  });
});
