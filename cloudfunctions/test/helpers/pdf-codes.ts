import { inflateSync } from 'node:zlib';

/**
 * The 绑定码 printed in a PDF (drawn in the standard Courier font, so its text is plain WinAnsi hex strings in the
 * page streams), in page order.
 */
export function bindingCodesIn(pdf: Buffer | Uint8Array): string[] {
  const buf = Buffer.from(pdf);
  const text = buf.toString('latin1');
  const found: string[] = [];
  for (let m, re = /stream\r?\n/g; (m = re.exec(text)); ) {
    let s: string;
    try {
      s = inflateSync(buf.subarray(m.index + m[0].length, text.indexOf('endstream', m.index))).toString('latin1');
    } catch {
      continue;
    }
    for (const h of s.matchAll(/<([0-9a-fA-F]+)>/g)) {
      const decoded = Buffer.from(h[1], 'hex').toString('latin1');
      if (/^[A-Z2-9]{5}-[A-Z2-9]{5}$/.test(decoded)) found.push(decoded);
    }
  }
  return found;
}
