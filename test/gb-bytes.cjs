// GB18030 bytes of a text, made independently of the product (for tests in every layer): each character's
// two-byte code is found by decoding the candidates with the platform's own decoder. ASCII stays as it is.
'use strict';

let table;
function gbBytes(text) {
  if (!table) {
    const dec = new globalThis.TextDecoder('gb18030');
    table = new Map();
    for (let lead = 0x81; lead <= 0xfe; lead++)
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const ch = dec.decode(Uint8Array.from([lead, trail]));
        if (ch.length === 1 && !table.has(ch)) table.set(ch, [lead, trail]);
      }
  }
  const out = [];
  for (const ch of text) out.push(...(ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : table.get(ch)));
  return Buffer.from(out);
}

module.exports = { gbBytes };
