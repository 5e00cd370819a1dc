/** A WeChat API answer with a non-zero `errcode` (or a transport failure, reported as errcode -1). */
export class WechatApiError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
    readonly api: string,
  ) {
    super(`wechat ${api} ${errcode}: ${errmsg}`);
    this.name = 'WechatApiError';
  }
}

export const isWechatApiError = (e: unknown): e is WechatApiError => e instanceof WechatApiError;
