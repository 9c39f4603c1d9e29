// GB18030 and Big5 bytes of a text, made independently of the product (for tests in every layer): each
// character's two-byte code is found by decoding the candidates with the platform's own decoder, the
// first code that decodes to it (for Big5, a character's code before a symbol's: 十 is A451, not the
// numeral A2CC). ASCII stays as it is.
'use strict';

/** character → its first two-byte code among the leads, in their order, and the trail bytes `trail` accepts */
function codes(label, leads, trail) {
  const dec = new globalThis.TextDecoder(label);
  const table = new Map();
  for (const lead of leads)
    for (let t = 0x40; t <= 0xfe; t++) {
      if (!trail(t)) continue;
      const ch = dec.decode(Uint8Array.from([lead, t]));
      if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [lead, t]);
    }
  return table;
}

const range = (from, to) => Array.from({ length: to - from + 1 }, (_, k) => from + k);

function bytesOf(table, text, label) {
  const out = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else if (table.has(ch)) out.push(...table.get(ch));
    else throw new Error(`no ${label} code for ${ch}`);
  }
  return Buffer.from(out);
}

let gb;
function gbBytes(text) {
  gb ??= codes('gb18030', range(0x81, 0xfe), (t) => t !== 0x7f);
  return bytesOf(gb, text, 'GB18030');
}

let big5;
/** Big5 bytes of a traditional-Chinese text (standard Big5 codes, leads from A1) */
function big5Bytes(text) {
  big5 ??= codes('big5', [...range(0xa4, 0xfe), ...range(0xa1, 0xa3)], (t) => t <= 0x7e || t >= 0xa1);
  return bytesOf(big5, text, 'Big5');
}

module.exports = { gbBytes, big5Bytes };
