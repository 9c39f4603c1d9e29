import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { NO_SEEDS, SEEDS } from './helpers';
import { big5Share, decodeBuffer, encodeExactly, encodeGb18030, encodeText, encodingByName, eolStyle, isDecoded, legacyChineseEncoding, looksBinary, withEol, type Decoded } from '../../server/src/core/encoding';
import { big5Bytes, gbBytes as gbOracle } from '../gb-bytes.cjs';

const TEXT = '一、坚持“四个意识”，推进高质量发展。\r\n（二）Ａ股　2024年€😀\r\n';

function decoded(buf: Uint8Array, forced?: Parameters<typeof decodeBuffer>[1]): Decoded {
  const d = decodeBuffer(buf, forced);
  assert.ok(isDecoded(d), 'decodes');
  return d;
}

test('UTF-8 with and without BOM is detected; the BOM is remembered, not part of the text', () => {
  const plain = decoded(Buffer.from(TEXT, 'utf8'));
  assert.deepEqual([plain.text, plain.encoding, plain.bom, plain.lossy], [TEXT, 'utf-8', false, false]);
  const bom = decoded(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT, 'utf8')]));
  assert.deepEqual([bom.text, bom.encoding, bom.bom], [TEXT, 'utf-8', true]);
  assert.ok(encodeText(bom.text, 'utf-8', true).equals(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT, 'utf8')])));
});

test('long UTF-8 files (the fast decoding path) read exactly as written: every character class, the seeds', (t) => {
  // our own text: ASCII, CJK, full-width forms, characters outside the BMP at the start, middle and end
  const long = '😀' + TEXT.repeat(40) + '𠀀\u3000abc\u00a0é' + TEXT.repeat(3) + '𪚥';
  const d = decoded(Buffer.from(long, 'utf8'));
  assert.equal(d.text.length, long.length);
  assert.ok(d.text === long, 'the decoded text equals the original');
  if (NO_SEEDS) return t.skip(NO_SEEDS);
  for (const f of fs.readdirSync(SEEDS)) {
    const buf = fs.readFileSync(path.join(SEEDS, f));
    const got = decoded(buf);
    assert.ok(got.text === new TextDecoder('utf-8', { ignoreBOM: false }).decode(buf), `${f} decodes as the standard decoder reads it`);
  }
});

test('UTF-16 LE and BE with BOM are detected and written back byte for byte', () => {
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]);
  const be = Buffer.from(le);
  be.swap16();
  const dl = decoded(le);
  const db = decoded(be);
  assert.deepEqual([dl.text, dl.encoding, dl.bom], [TEXT, 'utf-16le', true]);
  assert.deepEqual([db.text, db.encoding, db.bom], [TEXT, 'utf-16be', true]);
  assert.ok(encodeText(dl.text, 'utf-16le', true).equals(le));
  assert.ok(encodeText(db.text, 'utf-16be', true).equals(be));
});

test('a GB18030 (GBK) file made at test time is detected and re-encoded to the same bytes', () => {
  const text = '关于进一步加强基层治理的意见\r\n一、总体要求\r\n坚持以人民为中心，推动高质量发展。　全文完\r\n';
  const bytes = gbOracle(text);
  const ascii = [...text].filter((c) => c.charCodeAt(0) < 0x80).length;
  assert.equal(bytes.length, ascii + 2 * (text.length - ascii), 'two bytes per Chinese character');
  const d = decoded(bytes);
  assert.deepEqual([d.text, d.encoding, d.bom, d.lossy], [text, 'gb18030', false, false]);
  assert.ok(encodeGb18030(d.text).equals(bytes), 'our encoder agrees with the decoder on every character');
  // the ideographic space has two codes (A1A1 and A3A0): the canonical A1A1 is written
  assert.deepEqual([...encodeGb18030('\u3000')], [0xa1, 0xa1]);
});

test('Chinese in UTF-8 cut short or damaged is read as UTF-8 with a replacement, not as GB18030 (where it is valid, as rare characters)', (t) => {
  // our own lines with no ASCII: as GB18030 they decode without an error (涓崕浜… for 中华人…)
  for (const line of ['中华人民共和国', '坚持以人民为中心的发展思想。', '全面建设社会主义现代化国家']) {
    const cut = Buffer.from(line, 'utf8').subarray(0, -1);
    assert.ok(new TextDecoder('gb18030', { fatal: true }).decode(cut), 'valid GB18030 bytes');
    const d = decoded(cut);
    assert.deepEqual([d.encoding, d.lossy, d.text], ['utf-8', true, line.slice(0, -1) + '\ufffd'], line);
  }
  // and real GB18030 stays GB18030, however short: one character, a title, the seeds re-encoded
  for (const text of ['中', '发展', '关于进一步加强基层治理的意见']) assert.equal(decoded(gbOracle(text)).encoding, 'gb18030', text);
  if (NO_SEEDS) return t.skip(NO_SEEDS);
  for (const f of fs.readdirSync(SEEDS)) {
    const text = fs.readFileSync(path.join(SEEDS, f), 'utf8');
    const bytes = encodeExactly(text, 'gb18030', false);
    if (!bytes) continue; // a character GB18030 cannot hold the same way
    const d = decoded(bytes);
    assert.deepEqual([d.encoding, d.text === text], ['gb18030', true], f);
  }
});

test('UTF-16 without a BOM (NUL bytes in its ASCII) is read as UTF-16 in the right byte order, not skipped as binary; binary data stays binary', () => {
  const le = Buffer.from(TEXT, 'utf16le');
  const be = Buffer.from(le).swap16();
  const dl = decoded(le);
  const db = decoded(be);
  assert.deepEqual([dl.text, dl.encoding, dl.bom], [TEXT, 'utf-16le', false]);
  assert.deepEqual([db.text, db.encoding, db.bom], [TEXT, 'utf-16be', false]);
  assert.ok(encodeText(dl.text, 'utf-16le', false).equals(le), 'written back without a BOM, byte for byte');
  const english = 'Meeting notes\r\nAgenda: budget, staffing, and the new archive.\r\n';
  assert.deepEqual(decoded(Buffer.from(english, 'utf16le')).text, english);
  if (!NO_SEEDS)
    for (const f of fs.readdirSync(SEEDS)) {
      const text = fs.readFileSync(path.join(SEEDS, f), 'utf8').replace(/^\ufeff/, '');
      for (const [encoding, bytes] of [['utf-16le', Buffer.from(text, 'utf16le')], ['utf-16be', Buffer.from(text, 'utf16le').swap16()]] as const) {
        const d = decoded(bytes);
        assert.deepEqual([d.encoding, d.text === text], [encoding, true], `${f} in ${encoding} without a BOM`);
      }
    }
  // bytes with NULs that are no text either way: a program (this Node binary), made-up bytes, text with a NUL
  const exe = fs.readFileSync(process.execPath).subarray(0, 1 << 16);
  assert.deepEqual(decodeBuffer(exe), { skip: 'binary' });
  const bin = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37 + (i >> 3)) & 0xff));
  assert.deepEqual(decodeBuffer(bin), { skip: 'binary' });
  assert.deepEqual(decodeBuffer(Buffer.from('abc\u0000def\n', 'utf8')), { skip: 'binary' });
});

/** our own traditional-Chinese notice, with full-width and ASCII punctuation, 十 (whose Big5 code is also a numeral's), and CRLF */
const TRADITIONAL = '國務院關於進一步加強基層治理的意見\r\n各省、自治區、直轄市人民政府：\r\n現提出以下意見。一、堅持黨的全面領導，落實「十四五」規劃（2021-2025）。\r\n';

test('the editor offers GB18030 for GB18030 Chinese and Big5 for Big5: not for UTF-8, or UTF-8 cut short', () => {
  const simplified = '国务院关于进一步加强基层治理的意见。各省、自治区、直辖市人民政府：现提出以下意见。\r\n';
  assert.equal(legacyChineseEncoding(gbOracle(simplified)), 'gb18030');
  const big5 = big5Bytes(TRADITIONAL);
  assert.ok(new TextDecoder('gb18030', { fatal: true }).decode(big5), 'Big5 bytes that are valid GB18030');
  assert.equal(legacyChineseEncoding(big5), 'big5');
  assert.equal(legacyChineseEncoding(Buffer.from(simplified, 'utf8')), undefined);
  assert.equal(legacyChineseEncoding(Buffer.from(TRADITIONAL, 'utf8')), undefined);
  assert.equal(legacyChineseEncoding(Buffer.from('全面建设社会主义现代化国家坚持以人民为中心', 'utf8').subarray(0, -1)), undefined);
  assert.equal(legacyChineseEncoding(Buffer.from('Meeting notes: budget.\r\n', 'latin1')), undefined);
});

test('a Big5 file (traditional Chinese; its bytes are valid GB18030 too, as rare characters) is read as Big5 and written back to the same bytes', () => {
  const bytes = big5Bytes(TRADITIONAL);
  const d = decoded(bytes);
  assert.deepEqual([d.encoding, d.bom, d.lossy, d.text === TRADITIONAL], ['big5', false, false, true]);
  assert.ok(encodeText(d.text, 'big5', false).equals(bytes), 'the same bytes');
  // a fix's text: a space taken out
  const fixed = TRADITIONAL.replace('意見。', '意見 。');
  assert.ok(encodeExactly(fixed, 'big5', false)?.equals(big5Bytes(fixed)));
  // a title line alone too (one character may be a common GBK one as well: 國 is 瓣), and every character of Big5's everyday range
  for (const text of ['國務院關於進一步加強基層治理的意見', '發展']) assert.equal(decoded(big5Bytes(text)).encoding, 'big5', text);
  const dec = new TextDecoder('big5');
  let all = '';
  for (let lead = 0xa4; lead <= 0xc6; lead++)
    for (let t = 0x40; t <= 0xfe; t++) if (t <= 0x7e || t >= 0xa1) all += dec.decode(Uint8Array.from([lead, t]));
  all = all.replace(/\ufffd/g, '');
  assert.ok(all.length > 5400, `${all.length} characters`);
  assert.equal(decoded(encodeExactly(all, 'big5', false)!).text, all);
  // simplified Chinese in GBK stays GB18030; a simplified-only character cannot be written in Big5
  assert.equal(decoded(gbOracle('国务院关于进一步加强基层治理的意见')).encoding, 'gb18030');
  assert.equal(encodeExactly('国务院', 'big5', false), undefined);
  assert.ok(big5Share(bytes) > 0.9 && big5Share(Buffer.from(TRADITIONAL, 'utf8')) < 0.5);
});

test('--encoding big5 (cp950, big5-hkscs) forces the reading in Big5', () => {
  assert.deepEqual(['big5', 'BIG5', 'cp950', 'big5-hkscs'].map(encodingByName), ['big5', 'big5', 'big5', 'big5']);
  const gbk = gbOracle('国务院');
  assert.equal(decoded(gbk, 'big5').encoding, 'big5');
  assert.equal(decoded(big5Bytes('國務院'), 'big5').text, '國務院');
});

test('GB18030 four-byte codes and characters outside the BMP round-trip', () => {
  const text = '€·〇😀𠀀ÿ';
  const bytes = encodeExactly(text, 'gb18030', false);
  assert.ok(bytes);
  assert.equal(decoded(bytes, 'gb18030').text, text);
  assert.equal(new TextDecoder('gb18030').decode(bytes), text);
});

test('text the encoding cannot hold is refused rather than written wrong', () => {
  assert.equal(encodeExactly('lone \ud800 surrogate', 'utf-8', false), undefined);
  assert.equal(encodeExactly('lone \ud800 surrogate', 'gb18030', false), undefined);
  assert.ok(encodeExactly('正常文本', 'utf-8', false));
});

test('binary data is refused; UTF-8 with a stray byte is read but marked lossy', () => {
  assert.ok(looksBinary(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 1])));
  assert.deepEqual(decodeBuffer(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])), { skip: 'binary' });
  const long = '这是一段相当长的正文，用来说明偶尔出现的坏字节不会让整个文件被拒绝。'.repeat(20);
  const broken = Buffer.concat([Buffer.from(long, 'utf8'), Buffer.from([0xe4, 0xb8]), Buffer.from('结尾。', 'utf8'), Buffer.from(long, 'utf8')]);
  const d = decoded(broken);
  assert.equal(d.encoding, 'utf-8');
  assert.equal(d.lossy, true);
});

test('--encoding forces the reading', () => {
  const bytes = gbOracle('中文');
  assert.equal(decoded(bytes, 'gb18030').text, '中文');
  const forced = decoded(Buffer.from('中文', 'utf8'), 'utf-8');
  assert.equal(forced.text, '中文');
  const wrong = decoded(bytes, 'utf-8');
  assert.equal(wrong.lossy, true);
});

test('line endings: one style is kept, mixed is left alone', () => {
  assert.equal(eolStyle('a\r\nb\r\n'), '\r\n');
  assert.equal(eolStyle('a\nb'), '\n');
  assert.equal(eolStyle('a\rb\r'), '\r');
  assert.equal(eolStyle('a\r\nb\n'), 'mixed');
  assert.equal(eolStyle('ab'), 'none');
  assert.equal(withEol('a\r\nb\nc', '\r\n'), 'a\r\nb\r\nc');
  assert.equal(withEol('a\r\nb\nc', 'mixed'), 'a\r\nb\nc');
});
