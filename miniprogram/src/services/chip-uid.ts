/**
 * A specimen chip's UID as the platform stores it: the tag's id bytes in upper-case hex, two digits a byte, in the
 * order the reader gives them (a 7-byte NTAG UID reads `04A1B2C3D4E5F6`, the form printed on the chip's label).
 */
export function chipUidHex(id: ArrayBuffer | Uint8Array | null | undefined): string | null {
  if (!id) return null;
  const bytes = id instanceof Uint8Array ? id : new Uint8Array(id);
  if (bytes.length < 4 || bytes.length > 16) return null; // 4, 7 or 10 bytes for ISO 14443-A; 8 for ISO 15693
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('').toUpperCase();
}

/** The reader's refusal (WeChat NFC error codes) in words a witness can act on. */
export function nfcErrorMessage(errCode: number | undefined): string {
  switch (errCode) {
    case 13000: return '本机不支持 NFC，请扫码或手工输入芯片编号';
    case 13001: return '请先在手机设置中打开 NFC';
    case 13019: return '未授权使用 NFC，请在设置中允许';
    case 13021: return '正在读卡，请把试件芯片贴近手机背面';
    default: return '读卡失败，请重试或手工输入芯片编号';
  }
}
