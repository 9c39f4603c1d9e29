/**
 * Text file encodings of Chinese corpora: UTF-8 (with or without BOM), UTF-16 LE/BE, GB18030 (which
 * includes GBK and GB2312) and Big5 (traditional Chinese, as the WHATWG encoding standard reads it:
 * Big5-HKSCS). Decoding uses the platform's TextDecoder; encoding GB18030 and Big5 uses reverse tables
 * built from that same decoder, so that what we write decodes back to exactly what we meant (and
 * `encodeExactly` proves it before anything is written).
 */
import { isUtf8, transcode } from 'node:buffer';
import { isMostlyChinese } from './cjk';

export type EncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'big5';

export interface Decoded {
  text: string;
  encoding: EncodingName;
  /** the file started with a byte order mark (kept when writing back) */
  bom: boolean;
  /** some bytes were not valid in the encoding and were replaced (U+FFFD): writing back would change them */
  lossy: boolean;
}

export interface Undecodable {
  /** why the file is not text we can read */
  skip: 'binary' | 'unknown-encoding';
}

/** Names accepted by `--encoding`, to the encoding we use. GBK and GB2312 are subsets of GB18030; Big5 is read as Big5-HKSCS (its superset). */
export const ENCODING_ALIASES: Record<string, EncodingName> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'utf-16le': 'utf-16le',
  utf16le: 'utf-16le',
  'utf-16be': 'utf-16be',
  utf16be: 'utf-16be',
  gb18030: 'gb18030',
  gbk: 'gb18030',
  gb2312: 'gb18030',
  cp936: 'gb18030',
  big5: 'big5',
  'big5-hkscs': 'big5',
  big5hkscs: 'big5',
  cp950: 'big5',
};

export function encodingByName(name: string): EncodingName | undefined {
  return ENCODING_ALIASES[name.toLowerCase()];
}

const SAMPLE = 8192;

/** 1 for the control bytes that count against text: all below 0x20 but \t \n \v \f \r and ESC (NUL is checked on its own) */
const CONTROL = new Uint8Array(256);
for (let b = 1; b < 0x20; b++) CONTROL[b] = b >= 9 && b <= 13 ? 0 : b === 0x1b ? 0 : 1;

/** Whether bytes look binary: a NUL byte, or many control characters, in the first 8 KB. */
export function looksBinary(buf: Uint8Array): boolean {
  const n = Math.min(buf.length, SAMPLE);
  const control = controlBytes(buf, n);
  return control < 0 || (n > 0 && control / n > 0.1);
}

/**
 * The control bytes (CONTROL) among the first n, or -1 at a NUL. A loop of its own, with a table rather than
 * comparisons: the optimised loop met comparisons that the first files had never reached (a stray control
 * byte, the ratio after the loop) and went back to the interpreter at each (59 times over the bench corpus).
 */
function controlBytes(buf: Uint8Array, n: number): number {
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i];
    if (b === 0) return -1;
    control += CONTROL[b];
  }
  return control;
}

function bomOf(buf: Uint8Array): { encoding: EncodingName; length: number } | undefined {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  if (buf.length >= 4 && buf[0] === 0x84 && buf[1] === 0x31 && buf[2] === 0x95 && buf[3] === 0x33) return { encoding: 'gb18030', length: 4 };
  return undefined;
}

/** false once transcode has failed: a Node built without ICU, where V8's decoder does it all */
let canTranscode = true;

/**
 * Valid UTF-8 to a string. V8's own UTF-8 decoder (`toString('utf8')`) takes about 6.5 ns a byte on
 * Chinese text here; transcoding to UTF-16 first and copying that into a string takes a tenth of it
 * (measured over the 37 MB bench corpus: 245 ms against 25 ms). The input is valid, so both are exact.
 */
function utf8Text(b: Buffer): string {
  if (b.length >= 256 && canTranscode) {
    try {
      return transcode(b, 'utf8', 'utf16le').toString('utf16le');
    } catch {
      canTranscode = false;
    }
  }
  return b.toString('utf8');
}

function tryDecode(label: string, bytes: Uint8Array): string | undefined {
  // UTF-8: validate with simdutf (the fatal TextDecoder goes through ICU, ~20× slower), then decode
  if (label === 'utf-8' && typeof isUtf8 === 'function') {
    const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return isUtf8(b) ? utf8Text(b) : undefined;
  }
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function countReplacements(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\ufffd'); i >= 0; i = s.indexOf('\ufffd', i + 1)) n++;
  return n;
}

/**
 * Decode a file's bytes. With no `forced` encoding: a BOM decides; otherwise binary data is
 * refused (but for UTF-16 without a BOM, see utf16WithoutBom), valid UTF-8 is UTF-8, valid GB18030
 * is GB18030 (see commonShare) unless it is Big5 (see big5Share), and UTF-8 with a few bad bytes is read
 * as UTF-8 (marked lossy).
 * With `forced`, the bytes are read in that encoding whatever they hold (a matching BOM is still dropped).
 */
export function decodeBuffer(buf: Uint8Array, forced?: EncodingName): Decoded | Undecodable {
  const bom = bomOf(buf);
  if (forced) {
    const skip = bom && bom.encoding === forced ? bom.length : 0;
    const bytes = buf.subarray(skip);
    const exact = tryDecode(forced, bytes);
    const text = exact ?? new TextDecoder(forced, { ignoreBOM: true }).decode(bytes);
    return { text, encoding: forced, bom: skip > 0, lossy: exact === undefined };
  }
  if (bom) {
    const bytes = buf.subarray(bom.length);
    const exact = tryDecode(bom.encoding, bytes);
    const text = exact ?? new TextDecoder(bom.encoding, { ignoreBOM: true }).decode(bytes);
    return { text, encoding: bom.encoding, bom: true, lossy: exact === undefined };
  }
  if (looksBinary(buf)) return utf16WithoutBom(buf) ?? { skip: 'binary' };
  const utf8 = tryDecode('utf-8', buf);
  if (utf8 !== undefined) return { text: utf8, encoding: 'utf-8', bom: false, lossy: false };
  // UTF-8 with a few broken bytes (a truncated download, a stray byte): read it, but never write it back
  const loose = (): Decoded | undefined => {
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(buf);
    return countReplacements(text) <= Math.max(2, text.length / 1000) ? { text, encoding: 'utf-8', bom: false, lossy: true } : undefined;
  };
  const gb = tryDecode('gb18030', buf);
  // Chinese in UTF-8 with no ASCII between (a title line) is valid GB18030 too, as rare characters
  // (涓崕浜… for 中华人…): cut short or damaged, it would be read as that. So is Big5, whose two-byte codes
  // are all GBK codes too (國務院 reads as 瓣叭|). Chinese text in GB18030 is mostly the common characters
  // of GB2312's first level, which neither reading is; Big5 text is mostly Big5's own common characters.
  const asGb: Decoded | undefined = gb === undefined ? undefined : { text: gb, encoding: 'gb18030', bom: false, lossy: false };
  if (asGb && commonShare(buf) >= 0.5) return asGb;
  return big5(buf) ?? loose() ?? asGb ?? { skip: 'unknown-encoding' };
}

/** Bytes read as Big5, when they are valid Big5 made mostly of its common characters and punctuation (big5Share). */
function big5(buf: Uint8Array): Decoded | undefined {
  if (big5Share(buf) < 0.8) return undefined;
  const text = tryDecode('big5', buf);
  return text === undefined ? undefined : { text, encoding: 'big5', bom: false, lossy: false };
}

/**
 * UTF-16 text saved without a BOM (some export tools do): its ASCII characters hold NUL bytes, so it
 * looks binary. It is read as UTF-16 in the byte order that gives text made of what Chinese documents
 * hold, when the other order does not; otherwise it stays binary. Characters whose low byte is 0 are no
 * evidence either way: ASCII read in the wrong order is one (`a` as U+6100), and so is 一 (U+4E00).
 */
function utf16WithoutBom(buf: Uint8Array): Decoded | undefined {
  if (buf.length < 4 || buf.length % 2 !== 0) return undefined;
  // both orders are judged on the first 8 KB (a binary file is not decoded whole, twice); only the order
  // chosen is decoded whole, and must be valid UTF-16 throughout
  const sample = buf.subarray(0, Math.min(buf.length, SAMPLE));
  const sl = textShare(new TextDecoder('utf-16le').decode(sample));
  const sb = textShare(new TextDecoder('utf-16be').decode(sample));
  // the wrong order of Chinese text still gives Chinese characters now and then (a share of about half)
  const encoding = sl >= 0.9 && sl - sb >= 0.3 ? 'utf-16le' : sb >= 0.9 && sb - sl >= 0.3 ? 'utf-16be' : undefined;
  const text = encoding && tryDecode(encoding, buf);
  return encoding && text !== undefined ? { text, encoding, bom: false, lossy: false } : undefined;
}

/**
 * Of a text's first 4,096 units whose low byte is not 0, the share that Chinese documents are made of:
 * printable ASCII and line breaks, Latin-1, the common block of Chinese characters, CJK and general
 * punctuation, full-width forms, circled and Roman numerals, characters outside the BMP (a surrogate
 * pair); 0 with fewer than 8 such units (too little to tell).
 */
function textShare(text: string): number {
  const n = Math.min(text.length, 4096);
  let counted = 0;
  let ok = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c & 0xff) === 0) continue;
    counted++;
    if (
      (c >= 0x20 && c < 0x7f) || c === 9 || c === 10 || c === 13 || (c >= 0xa0 && c <= 0xff) ||
      (c >= 0x4e00 && c <= 0x9fff) ||
      (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xffef) || (c >= 0x2000 && c <= 0x20cf) ||
      (c >= 0x2160 && c <= 0x217f) || (c >= 0x2460 && c <= 0x24ff) || (c >= 0xd800 && c <= 0xdfff)
    )
      ok++;
  }
  return counted >= 8 ? ok / counted : 0;
}

/**
 * Of the two-byte GB18030 characters in buf, the share in GB2312's first level (the 3,755 most common
 * Chinese characters, lead byte B0–D7, trail A1–FE); 1 when there are none. Simplified Chinese prose:
 * about 0.9 (its punctuation is the rest); UTF-8 Chinese read as GB18030: about 0; Big5 (traditional
 * Chinese, whose bytes are valid GB18030 too): about 0.25.
 */
export function commonShare(buf: Uint8Array): number {
  let two = 0;
  let common = 0;
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i];
    if (b < 0x80) continue;
    const t = buf[i + 1];
    if (t >= 0x30 && t <= 0x39) {
      i += 3; // a four-byte code
      continue;
    }
    two++;
    if (b >= 0xb0 && b <= 0xd7 && t >= 0xa1 && t <= 0xfe) common++;
    i++;
  }
  return two ? common / two : 1;
}

/**
 * Of the two-byte codes in buf read as Big5 (a lead byte from 0x81, then one byte), the share of Big5's
 * punctuation and frequent characters (A140–A3BF, A440–C67E: the 5,401 characters of everyday traditional
 * Chinese); 0 when there are none. Traditional Chinese prose in Big5: nearly 1; GBK and UTF-8 read as
 * Big5 are mostly invalid or in the rare ranges.
 */
export function big5Share(buf: Uint8Array): number {
  let two = 0;
  let common = 0;
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i];
    if (b < 0x81) continue;
    const code = (b << 8) | (buf[i + 1] ?? 0);
    two++;
    if ((code >= 0xa140 && code <= 0xa3bf) || (code >= 0xa440 && code <= 0xc67e)) common++;
    i++;
  }
  return two ? common / two : 0;
}

export function isDecoded(d: Decoded | Undecodable): d is Decoded {
  return (d as Decoded).text !== undefined;
}

// --- GB18030 encoder ------------------------------------------------------------------------------

/** code unit (BMP) → packed bytes: two-byte codes as 0xLLTT, four-byte codes as 0xB1B2B3B4; 0 = none */
let gbTable: Uint32Array | undefined;

const GB_TRAILS: number[] = [];
for (let t = 0x40; t <= 0xfe; t++) if (t !== 0x7f) GB_TRAILS.push(t);

/** The four bytes of a GB18030 four-byte code with linear index i (from 81 30 81 30). */
function fourBytes(i: number): [number, number, number, number] {
  return [0x81 + Math.floor(i / 12600), 0x30 + (Math.floor(i / 1260) % 10), 0x81 + (Math.floor(i / 10) % 126), 0x30 + (i % 10)];
}

function buildGbTable(): Uint32Array {
  const table = new Uint32Array(0x10000);
  const dec = new TextDecoder('gb18030', { ignoreBOM: true });
  const decodeEach = (codes: number[][], put: (code: number[], unit: number) => void) => {
    const bytes = new Uint8Array(codes.reduce((n, c) => n + c.length, 0));
    let k = 0;
    for (const c of codes) for (const b of c) bytes[k++] = b;
    const s = dec.decode(bytes);
    if (s.length === codes.length) {
      for (let i = 0; i < codes.length; i++) if (s.charCodeAt(i) !== 0xfffd) put(codes[i], s.charCodeAt(i));
    } else {
      // some code decoded to something other than one BMP unit: decode one by one
      for (const c of codes) {
        const one = dec.decode(Uint8Array.from(c));
        if (one.length === 1 && one !== '\ufffd') put(c, one.charCodeAt(0));
      }
    }
  };
  // four-byte BMP codes first (81 30 81 30 … 84 31 A4 39), so that two-byte codes win where both exist (GB18030-2022)
  const four: number[][] = [];
  for (let i = 0; i <= 39419; i++) four.push(fourBytes(i));
  decodeEach(four, (c, u) => (table[u] = ((c[0] << 24) | (c[1] << 16) | (c[2] << 8) | c[3]) >>> 0));
  for (let lead = 0x81; lead <= 0xfe; lead++)
    decodeEach(
      GB_TRAILS.map((t) => [lead, t]),
      // where two codes decode to one character (U+3000 is A1A1 and A3A0), the first is the canonical one
      (c, u) => {
        if (table[u] === 0 || table[u] > 0xffff) table[u] = (c[0] << 8) | c[1];
      },
    );
  for (let a = 0; a < 0x80; a++) table[a] = 0; // ASCII is written as itself
  return table;
}

/** Encode text as GB18030. Characters it cannot represent (lone surrogates) become `?`. */
export function encodeGb18030(text: string): Buffer {
  const table = (gbTable ??= buildGbTable());
  const out = Buffer.allocUnsafe(text.length * 4);
  let k = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      out[k++] = c;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        const idx = ((c - 0xd800) << 10) + (d - 0xdc00); // code point − 0x10000
        out[k++] = 0x90 + Math.floor(idx / 12600);
        out[k++] = 0x30 + (Math.floor(idx / 1260) % 10);
        out[k++] = 0x81 + (Math.floor(idx / 10) % 126);
        out[k++] = 0x30 + (idx % 10);
        i++;
        continue;
      }
    }
    const v = table[c];
    if (v === 0) out[k++] = 0x3f;
    else if (v <= 0xffff) {
      out[k++] = v >> 8;
      out[k++] = v & 0xff;
    } else {
      out[k++] = v >>> 24;
      out[k++] = (v >> 16) & 0xff;
      out[k++] = (v >> 8) & 0xff;
      out[k++] = v & 0xff;
    }
  }
  return out.subarray(0, k);
}

// --- Big5 encoder ---------------------------------------------------------------------------------

/** code point → the Big5 code (lead << 8 | trail) our encoder writes for it */
let big5Table: Map<number, number> | undefined;

/**
 * The reverse of the decoder, as the WHATWG encoding standard's Big5 encoder: each character gets its
 * first code from lead A1 on, but for six that standard Big5 has twice, which get the later one. A
 * character whose only codes are HKSCS's below lead A1 (which the WHATWG encoder never writes) is written
 * there, so that it round-trips rather than fail.
 */
function buildBig5Table(): Map<number, number> {
  const table = new Map<number, number>();
  const low = new Map<number, number>();
  const dec = new TextDecoder('big5');
  const LAST = new Set([0x2550, 0x255e, 0x2561, 0x256a, 0x5341, 0x5345]);
  for (let lead = 0x81; lead <= 0xfe; lead++)
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail > 0x7e && trail < 0xa1) continue;
      const s = dec.decode(Uint8Array.from([lead, trail]));
      const cp = s.codePointAt(0)!;
      // a replacement, or one of the four codes that decode to two characters (Ê̄ …)
      if (cp === 0xfffd || s.length !== (cp > 0xffff ? 2 : 1)) continue;
      const code = (lead << 8) | trail;
      if (lead < 0xa1) {
        if (!low.has(cp)) low.set(cp, code);
      } else if (!table.has(cp) || LAST.has(cp)) table.set(cp, code);
    }
  for (const [cp, code] of low) if (!table.has(cp)) table.set(cp, code);
  return table;
}

/** Encode text as Big5. Characters it cannot represent (simplified-only characters, emoji …) become `?`. */
export function encodeBig5(text: string): Buffer {
  const table = (big5Table ??= buildBig5Table());
  const out = Buffer.allocUnsafe(text.length * 2);
  let k = 0;
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i)!;
    if (cp > 0xffff) i++;
    if (cp < 0x80) {
      out[k++] = cp;
      continue;
    }
    const code = table.get(cp);
    if (code === undefined) out[k++] = 0x3f;
    else {
      out[k++] = code >> 8;
      out[k++] = code & 0xff;
    }
  }
  return out.subarray(0, k);
}

/** Encode text in an encoding, with a BOM when asked. */
export function encodeText(text: string, encoding: EncodingName, bom: boolean): Buffer {
  switch (encoding) {
    case 'utf-8':
      return bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]) : Buffer.from(text, 'utf8');
    case 'utf-16le':
      return Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(text, 'utf16le')]);
    case 'utf-16be': {
      const le = Buffer.from(text, 'utf16le');
      le.swap16();
      return Buffer.concat([bom ? Buffer.from([0xfe, 0xff]) : Buffer.alloc(0), le]);
    }
    case 'gb18030':
      return bom ? Buffer.concat([Buffer.from([0x84, 0x31, 0x95, 0x33]), encodeGb18030(text)]) : encodeGb18030(text);
    case 'big5':
      return encodeBig5(text); // Big5 has no byte order mark
  }
}

/**
 * Encode text and prove it decodes back to itself; undefined when it does not (a character the
 * encoding cannot hold, a lone surrogate).
 */
export function encodeExactly(text: string, encoding: EncodingName, bom: boolean): Buffer | undefined {
  const bytes = encodeText(text, encoding, bom);
  const back = decodeBuffer(bytes, encoding);
  if (!isDecoded(back) || back.lossy || back.text !== text) return undefined;
  return bytes;
}

// --- line endings ---------------------------------------------------------------------------------

export type EolStyle = '\n' | '\r\n' | '\r' | 'mixed' | 'none';

/** The line endings of a text: one style throughout, mixed, or none at all. */
export function eolStyle(text: string): EolStyle {
  let style: EolStyle = 'none';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13) continue;
    let s: EolStyle;
    if (c === 13 && text.charCodeAt(i + 1) === 10) {
      s = '\r\n';
      i++;
    } else s = c === 13 ? '\r' : '\n';
    if (style === 'none') style = s;
    else if (style !== s) return 'mixed';
  }
  return style;
}

/** Make every line break of `text` the given style (when the original used one style throughout). */
export function withEol(text: string, style: EolStyle): string {
  if (style === 'mixed' || style === 'none') return text;
  return text.replace(/\r\n|\r|\n/g, style);
}

/**
 * The encoding of bytes that are no UTF-8 but Chinese text in GB18030 (GBK) or Big5: they decode in it
 * without a replacement, as its common characters (for GB18030 see commonShare: not Big5, not UTF-8 cut
 * short), and the text is mostly Chinese; undefined otherwise. What the editor asks before it offers to
 * reopen a file in that encoding.
 */
export function legacyChineseEncoding(bytes: Uint8Array): 'gb18030' | 'big5' | undefined {
  const d = decodeBuffer(bytes);
  if (!isDecoded(d) || d.lossy || !isMostlyChinese(d.text)) return undefined;
  if (d.encoding === 'gb18030') return commonShare(bytes) >= 0.5 ? 'gb18030' : undefined;
  return d.encoding === 'big5' ? 'big5' : undefined;
}
