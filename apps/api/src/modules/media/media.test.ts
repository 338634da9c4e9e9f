import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { MultipartFile } from '@fastify/multipart';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { channels } from '../../db/schema/index.ts';
import { buildTestApp, errorOf, twoOrganizations, type Actor, type Org, type TestApp } from '../../../test/helpers/app.ts';
import { rows } from '../../../test/helpers/database.ts';
import { localDiskStorage } from '../../lib/storage/local-disk.ts';
import { storeUpload } from './service.ts';
import { sanitizeName } from './sniff.ts';

const PNG_1x1 = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(120)]);
const EXE = (() => {
  const b = Buffer.alloc(256);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.write('PE\0\0', 0x80, 'latin1');
  return b;
})();

let t: TestApp;
let small: TestApp;
let A: Org;
let B: Org;
let dataDir: string;
let smallDir: string;

async function multipart(parts: { field?: string; bytes: Buffer; name: string; type?: string }[]) {
  const form = new FormData();
  for (const p of parts) form.append(p.field ?? 'file', new Blob([new Uint8Array(p.bytes)], p.type ? { type: p.type } : {}), p.name);
  const req = new Request('http://local/', { method: 'POST', body: form });
  return { payload: Buffer.from(await req.arrayBuffer()), contentType: req.headers.get('content-type')! };
}
async function upload(as: Actor, bytes: Buffer, name: string, opts: { field?: string; type?: string } = {}) {
  const { payload, contentType } = await multipart([{ bytes, name, ...opts }]);
  return as.post('/api/media/upload', payload, { 'content-type': contentType });
}
const filesUnder = async (dir: string): Promise<string[]> => {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
};
const mediaRows = async (organizationId: string) => rows<{ id: string }>(t.app.db, sql`select id from media where organization_id = ${organizationId}`);

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'helpstack-media-'));
  smallDir = await mkdtemp(path.join(tmpdir(), 'helpstack-media-small-'));
  t = await buildTestApp({ DATA_DIR: dataDir });
  small = await buildTestApp({ DATA_DIR: smallDir, MEDIA_MAX_BYTES: '1024' });
  ({ A, B } = await twoOrganizations(t.app));
});
afterAll(async () => {
  await Promise.all([t.close(), small.close()]);
  await Promise.all([rm(dataDir, { recursive: true, force: true }), rm(smallDir, { recursive: true, force: true })]);
});

describe('POST /api/media/upload', () => {
  test('a PNG: 201 {id, path, url, name, mimeType, size}, stored under the organization', async () => {
    const res = await upload(A.AGENT, PNG_1x1, 'pixel.png');
    expect(res.status).toBe(201);
    const d = res.body.data;
    expect(d).toEqual({ id: expect.any(String), path: `${A.ADMIN.organizationId}/${d.id}`, url: `/api/media/${d.id}?download=1`, name: 'pixel.png', mimeType: 'image/png', size: PNG_1x1.length, createdAt: expect.any(String) });
    expect(existsSync(path.join(dataDir, 'media', A.ADMIN.organizationId, d.id))).toBe(true);
    expect((await upload(A.ADMIN, PNG_1x1, 'admin.png')).status).toBe(201);
  });

  test('VIEWER 403 and anonymous 401, nothing stored', async () => {
    const before = (await mediaRows(A.ADMIN.organizationId)).length;
    const viewer = await upload(A.VIEWER, PNG_1x1, 'viewer.png');
    expect(viewer.status).toBe(403);
    const { payload, contentType } = await multipart([{ bytes: PNG_1x1, name: 'anon.png' }]);
    expect((await t.app.inject({ method: 'POST', url: '/api/media/upload', payload, headers: { 'content-type': contentType } })).statusCode).toBe(401);
    expect((await mediaRows(A.ADMIN.organizationId)).length).toBe(before);
  });

  test('the type comes from the bytes: the client\'s content-type and extension are not trusted', async () => {
    const text = await upload(A.AGENT, Buffer.from('just some notes\nline two ✓\n'), 'notes.png', { type: 'image/png' });
    expect(text.status).toBe(201);
    expect(text.body.data).toMatchObject({ mimeType: 'text/plain', name: 'notes.png.txt' });
    const png = await upload(A.AGENT, PNG_1x1, 'report.txt', { type: 'text/plain' });
    expect(png.body.data.mimeType).toBe('image/png');
    const pdf = await upload(A.AGENT, PDF, 'invoice.pdf', { type: 'application/octet-stream' });
    expect(pdf.body.data.mimeType).toBe('application/pdf');
    const csv = await upload(A.AGENT, Buffer.from('a,b\n1,2\n'), 'export.csv');
    expect(csv.body.data).toMatchObject({ mimeType: 'text/csv', name: 'export.csv' });
    // A picture named like a program keeps an honest extension.
    expect((await upload(A.AGENT, PNG_1x1, 'setup.exe')).body.data.name).toBe('setup.exe.png');
  });

  test('executables, HTML, SVG, binary junk and invalid UTF-8 are 415 UNSUPPORTED_MEDIA_TYPE, nothing stored', async () => {
    const before = (await mediaRows(A.ADMIN.organizationId)).length;
    const filesBefore = (await filesUnder(path.join(dataDir, 'media'))).length;
    const refused: [Buffer, string][] = [
      [ELF, 'tool'],
      [EXE, 'setup.exe'],
      [EXE, 'photo.png'],
      [Buffer.from('<!DOCTYPE html><html><script>alert(1)</script></html>'), 'page.txt'],
      [Buffer.from('\n  <html><body>hi</body></html>'), 'page.html'],
      [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), 'logo.svg'],
      [Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'), 'logo.svg'],
      [Buffer.from([0x00, 0x01, 0x02, 0x03, 0xff, 0xfe]), 'blob.bin'],
      [Buffer.from([0x68, 0x69, 0xc3, 0x28]), 'latin.txt'],
      [Buffer.from('PK\u0003\u0004'.padEnd(64, '\0')), 'archive.zip'],
    ];
    for (const [bytes, name] of refused) {
      const res = await upload(A.AGENT, bytes, name, { type: 'image/png' });
      expect(res.status, name).toBe(415);
      expect(errorOf(res).code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
    expect((await mediaRows(A.ADMIN.organizationId)).length).toBe(before);
    expect((await filesUnder(path.join(dataDir, 'media'))).length).toBe(filesBefore);
  });

  test('failures after the sniffing window (text that stops being UTF-8, the size limit) leave no file and no row', async () => {
    // inject delivers a body in one piece, so the streaming stage is driven directly with a chunked part.
    const part = (chunks: Buffer[], truncated = false) => {
      const file = Object.assign(Readable.from(chunks), { truncated: false });
      file.on('end', () => { file.truncated = truncated; });
      return { file, filename: 'stream.txt', fieldname: 'file' } as unknown as MultipartFile;
    };
    const deps = () => ({ db: t.app.db, storage: localDiskStorage(path.join(dataDir, 'media')), maxBytes: 96 * 1024 });
    const filesBefore = (await filesUnder(path.join(dataDir, 'media'))).length;
    const rowsBefore = (await mediaRows(A.ADMIN.organizationId)).length;
    const text = Array.from({ length: 6 }, () => Buffer.from('a'.repeat(16 * 1024)));
    await expect(storeUpload(deps(), { organizationId: A.ADMIN.organizationId, part: part([...text, Buffer.from([0xff, 0x00])]) })).rejects.toMatchObject({ statusCode: 415 });
    await expect(storeUpload(deps(), { organizationId: A.ADMIN.organizationId, part: part([...text, Buffer.from([0xe2, 0x82])]) })).rejects.toMatchObject({ statusCode: 415 });
    await expect(storeUpload(deps(), { organizationId: A.ADMIN.organizationId, part: part(text, true) })).rejects.toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
    expect((await filesUnder(path.join(dataDir, 'media'))).length).toBe(filesBefore);
    expect((await mediaRows(A.ADMIN.organizationId)).length).toBe(rowsBefore);
    // A multi-byte character split across chunks is still text.
    const split = Buffer.from('€'.repeat(30_000));
    const ok = await storeUpload(deps(), { organizationId: A.ADMIN.organizationId, part: part([split.subarray(0, 65_537), split.subarray(65_537)]) });
    expect(ok).toMatchObject({ mimeType: 'text/plain', size: split.length });
  });

  test('a request that is not multipart is 415; a missing or misnamed file field is 400 fields.file; an empty file 400', async () => {
    const json = await A.AGENT.post('/api/media/upload', { file: 'x' });
    expect(json.status).toBe(415);
    expect(errorOf(json).code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const octet = await A.AGENT.post('/api/media/upload', PNG_1x1, { 'content-type': 'application/octet-stream' });
    expect(octet.status).toBe(415);
    const misnamed = await upload(A.AGENT, PNG_1x1, 'pixel.png', { field: 'upload' });
    expect(misnamed.status).toBe(400);
    expect(errorOf(misnamed).fields).toHaveProperty('file');
    const form = new FormData();
    form.append('note', 'no file here');
    const req = new Request('http://local/', { method: 'POST', body: form });
    const none = await A.AGENT.post('/api/media/upload', Buffer.from(await req.arrayBuffer()), { 'content-type': req.headers.get('content-type')! });
    expect(none.status).toBe(400);
    expect(errorOf(none).fields).toHaveProperty('file');
    const empty = await upload(A.AGENT, Buffer.alloc(0), 'empty.txt');
    expect(empty.status).toBe(400);
    expect(errorOf(empty).fields).toHaveProperty('file');
  });

  test('names are sanitized', async () => {
    const res = await upload(A.AGENT, PNG_1x1, '../../etc/passwd\u202Egnp.png');
    expect(res.status).toBe(201);
    expect(res.body.data.name).toBe('passwdgnp.png');
    expect(sanitizeName('C:\\Users\\me\\Desktop\\scan "final".pdf')).toBe('scan _final_.pdf');
    expect(sanitizeName('  ...  ')).toBe('file');
    expect(sanitizeName(`${'x'.repeat(300)}.pdf`)).toMatch(/^x{196}\.pdf$/);
    expect(sanitizeName('a\u0000b\r\nc.txt')).toBe('abc.txt');
  });
});

describe('the size limit (MEDIA_MAX_BYTES)', () => {
  test('over the limit: 413 PAYLOAD_TOO_LARGE and nothing stored; at the limit: fine', async () => {
    const { A: S } = await twoOrganizations(small.app);
    const over = await upload(S.AGENT, Buffer.from('x'.repeat(1025)), 'big.txt');
    expect(over.status).toBe(413);
    expect(errorOf(over).code).toBe('PAYLOAD_TOO_LARGE');
    const pngOver = await upload(S.AGENT, Buffer.concat([PNG_1x1, Buffer.alloc(2000)]), 'big.png');
    expect(pngOver.status).toBe(413);
    expect(await rows(small.app.db, sql`select id from media`)).toEqual([]);
    expect(await filesUnder(path.join(smallDir, 'media'))).toEqual([]);
    const exact = await upload(S.AGENT, Buffer.from('y'.repeat(1024)), 'exact.txt');
    expect(exact.status).toBe(201);
    expect(exact.body.data.size).toBe(1024);
  });

  test('a large file streams through (well past the sniffing window)', async () => {
    const bytes = Buffer.from('line of text\n'.repeat(40_000));
    const res = await upload(A.AGENT, bytes, 'big.log');
    expect(res.status).toBe(201);
    expect(res.body.data.size).toBe(bytes.length);
    const download = await A.AGENT.get(`/api/media/${res.body.data.id}?download=1`);
    expect(download.raw.rawPayload.equals(bytes)).toBe(true);
  });
});

describe('GET /api/media/:id', () => {
  test('metadata for every role; ?download=1 streams the exact bytes with safe headers', async () => {
    const up = (await upload(A.AGENT, PNG_1x1, 'Übersicht Ω (1).png')).body.data;
    for (const role of ['ADMIN', 'AGENT', 'VIEWER'] as const) {
      const meta = await A[role].get(`/api/media/${up.id}`);
      expect(meta.status).toBe(200);
      expect(meta.body.data).toEqual(up);
    }
    const res = await A.VIEWER.get(`/api/media/${up.id}?download=1`);
    expect(res.status).toBe(200);
    expect(res.raw.rawPayload.equals(PNG_1x1)).toBe(true);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['content-length']).toBe(String(PNG_1x1.length));
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="_bersicht _ (1).png"; filename*=UTF-8''${encodeURIComponent('Übersicht Ω ')}%281%29.png`);
    expect(res.headers['content-security-policy']).toContain('sandbox');
  });

  test('text downloads say charset=utf-8', async () => {
    const up = (await upload(A.AGENT, Buffer.from('héllo'), 'hi.txt')).body.data;
    const res = await A.AGENT.get(`/api/media/${up.id}?download=1`);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.raw.payload).toBe('héllo');
  });

  test('another organization and unknown ids are 404 (metadata, download, delete), and the file stays', async () => {
    const up = (await upload(A.AGENT, PNG_1x1, 'private.png')).body.data;
    for (const res of [
      await B.ADMIN.get(`/api/media/${up.id}`),
      await B.ADMIN.get(`/api/media/${up.id}?download=1`),
      await B.ADMIN.delete(`/api/media/${up.id}`),
      await A.ADMIN.get('/api/media/nope'),
    ]) {
      expect(res.status).toBe(404);
      expect(errorOf(res).code).toBe('NOT_FOUND');
    }
    expect((await A.ADMIN.get(`/api/media/${up.id}?download=1`)).raw.rawPayload.equals(PNG_1x1)).toBe(true);
    expect((await A.ADMIN.get(`/api/media/${up.id}?download=maybe`)).status).toBe(400);
  });
});

describe('DELETE /api/media/:id', () => {
  test('VIEWER 403; AGENT deletes the row and the file (200 {id}); then 404', async () => {
    const up = (await upload(A.AGENT, PNG_1x1, 'bye.png')).body.data;
    const file = path.join(dataDir, 'media', up.path);
    expect(existsSync(file)).toBe(true);
    expect((await A.VIEWER.delete(`/api/media/${up.id}`)).status).toBe(403);
    const res = await A.AGENT.delete(`/api/media/${up.id}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ id: up.id });
    expect(existsSync(file)).toBe(false);
    expect((await A.AGENT.get(`/api/media/${up.id}`)).status).toBe(404);
    expect((await A.AGENT.get(`/api/media/${up.id}?download=1`)).status).toBe(404);
    expect((await A.AGENT.delete(`/api/media/${up.id}`)).status).toBe(404);
  });

  test('another organization\'s attachment paths are refused by send-message', async () => {
    const chat = (await t.app.db.insert(channels).values({ organizationId: A.ADMIN.organizationId, type: 'WEBSITE_CHAT', name: 'c', credentials: 'x' }).returning())[0]!.id;
    const conv = (await A.AGENT.post('/api/conversations', { channelId: chat })).body.data;
    const theirs = (await upload(B.AGENT, PNG_1x1, 'b.png')).body.data;
    const res = await A.AGENT.post(`/api/conversations/${conv.id}/messages`, { conversationId: conv.id, content: 'see attached', attachments: [theirs.path] });
    expect(res.status).toBe(400);
    expect(errorOf(res).fields).toHaveProperty('attachments');
  });
});
