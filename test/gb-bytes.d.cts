/** GB18030 bytes of a text, made independently of the product (test/gb-bytes.cjs) */
export function gbBytes(text: string): Buffer;
/** Big5 bytes of a traditional-Chinese text, made independently of the product (test/gb-bytes.cjs) */
export function big5Bytes(text: string): Buffer;
