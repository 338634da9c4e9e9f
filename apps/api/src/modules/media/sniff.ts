import { fileTypeFromBuffer, supportedExtensions } from 'file-type';

/** Bytes read before deciding what a file is; OOXML puts its `[Content_Types].xml` well within this. */
export const SNIFF_BYTES = 64 * 1024;

const OFFICE = new Set([
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
]);
/** Legacy Office files are Compound File Binary, like installers: only these names are taken as documents. */
const LEGACY_OFFICE: Record<string, string> = {
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
};

/** Extensions a browser or OS would render or run: they never survive on a file whose bytes are something else. */
const RISKY_EXTENSIONS = new Set([
  'html', 'htm', 'xhtml', 'shtml', 'mht', 'mhtml', 'svg', 'svgz', 'xml', 'xsl', 'js', 'mjs',
  'exe', 'dll', 'com', 'bat', 'cmd', 'ps1', 'vbs', 'vbe', 'wsf', 'hta', 'scr', 'msi', 'jar', 'lnk', 'reg', 'cpl', 'pif',
]);

/** Text formats file-type knows: a text file may keep these names. */
const TEXT_EXTENSIONS = new Set(['txt', 'csv', 'ics', 'vcf', 'vtt']);

/** The first bytes of markup per the WHATWG MIME sniffing rules (plus SVG/XML): HTML uploaded as "text" is still HTML. */
const MARKUP = /^(?:<!doctype html|<html|<head|<script|<iframe|<h1|<div|<font|<table|<a|<style|<title|<b|<body|<br|<p|<svg|<math)[\s>/]|^(?:<!--|<\?xml)/i;

export interface Sniffed {
  mimeType: string;
  /** The rest of the bytes must stay valid UTF-8 without NULs (checked while storing). */
  text: boolean;
  /** The name to keep: sanitized, and with an honest extension where the given one would mislead. */
  name: string;
}

const extensionOf = (name: string) => {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
};

/** A file name safe to show and to put in a header: no path, no control or bidi characters, bounded. */
export function sanitizeName(raw: string | undefined): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  if (!cleaned) return 'file';
  if (cleaned.length <= 200) return cleaned;
  const ext = extensionOf(cleaned);
  return ext && ext.length <= 16 ? `${cleaned.slice(0, 199 - ext.length)}.${ext}` : cleaned.slice(0, 200);
}

/** Valid UTF-8 so far (a sequence cut at the end of `bytes` is fine unless `complete`) and no NUL byte. */
export function isText(bytes: Buffer, decoder: TextDecoder, complete: boolean) {
  if (bytes.includes(0)) return false;
  try {
    decoder.decode(bytes, { stream: !complete });
    return true;
  } catch {
    return false;
  }
}

/**
 * What the file is, from its first bytes only (never the client's content-type), or null when it is
 * not something we accept: images, audio, video, PDF, office documents, and plain text or CSV.
 */
export async function sniff(head: Buffer, complete: boolean, rawName: string | undefined): Promise<Sniffed | null> {
  const name = sanitizeName(rawName);
  const ext = extensionOf(name);
  const detected = await fileTypeFromBuffer(head);

  if (detected && !detected.mime.startsWith('text/')) {
    let mimeType: string | null = null;
    const family = detected.mime.split('/')[0];
    if (family === 'image' || family === 'audio' || family === 'video' || detected.mime === 'application/pdf' || OFFICE.has(detected.mime)) {
      mimeType = detected.mime;
    } else if (detected.ext === 'cfb' && LEGACY_OFFICE[ext]) {
      mimeType = LEGACY_OFFICE[ext];
    }
    if (!mimeType) return null;
    return { mimeType, text: false, name: RISKY_EXTENSIONS.has(ext) ? `${name}.${detected.ext}` : name };
  }

  // No magic number: only text is left, and text that is markup is refused.
  if (!isText(head, new TextDecoder('utf-8', { fatal: true }), complete)) return null;
  const start = head.subarray(0, 1024).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  if (MARKUP.test(start)) return null;
  const misleading = RISKY_EXTENSIONS.has(ext) || (supportedExtensions.has(ext) && !TEXT_EXTENSIONS.has(ext));
  return { mimeType: ext === 'csv' ? 'text/csv' : 'text/plain', text: true, name: misleading ? `${name}.txt` : name };
}
