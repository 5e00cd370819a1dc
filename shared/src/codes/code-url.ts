/**
 * Printed codes are URLs `https://<domain>/c/<id>.<sig>` (docs/ARCHITECTURE.md §7). WeChat hands a scanned
 * plain-link QR to the page as `options.q`, URL-encoded once.
 */
const TOKEN = /^[a-z]{2}_[0-9a-z]{8,24}\.[A-Za-z0-9_-]{16}$/;

/**
 * Extracts the code token from a scanned URL, an encoded `q` option, or a bare token; null if none.
 * @example codeTokenFrom('https://code.example.cn/c/fc_0k3m9x2a7fq4hw2n.AbCdEfGhIjKlMnOp') // 'fc_0k3m9x2a7fq4hw2n.AbCdEfGhIjKlMnOp'
 */
export function codeTokenFrom(input: string): string | null {
  let s = input.trim();
  if (/^https?%3A/i.test(s)) {
    try {
      s = decodeURIComponent(s);
    } catch {
      return null;
    }
  }
  const m = /\/c\/([^/?#]+)/.exec(s);
  const token = m ? m[1] : s;
  return TOKEN.test(token) ? token : null;
}

/** The id part and the kind prefix of a token (`fc` facility, `pq` plaque, `pj` project, …). */
export function splitToken(token: string): { id: string; sig: string; prefix: string } {
  const [id, sig] = token.split('.');
  return { id, sig, prefix: id.slice(0, 2) };
}
