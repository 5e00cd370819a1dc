/**
 * wx.requestFacialVerify (base library ≥ 3.8.12; docs/domain/platform.md §4.1). Taro has no typing for it, so the
 * global `wx` is used; success only means the person finished — the server asks WeChat for the result.
 */
type Wx = { requestFacialVerify?: (o: { verifyId: string; success: () => void; fail: (e: { errMsg?: string; errCode?: number }) => void }) => void };

export function requestFacialVerify(verifyId: string): Promise<void> {
  const wx = (globalThis as { wx?: Wx }).wx;
  return new Promise((resolve, reject) => {
    if (!wx?.requestFacialVerify) {
      reject(new Error('当前微信版本不支持人脸核身，请升级微信后重试'));
      return;
    }
    wx.requestFacialVerify({ verifyId, success: () => resolve(), fail: (e) => reject(new Error(/cancel/i.test(e.errMsg ?? '') ? '已取消人脸核身' : '人脸核身未完成，请重试')) });
  });
}
