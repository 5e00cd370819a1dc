/**
 * Typed domain errors with a stable snake_case `code`, an HTTP `status` and a Chinese `message` for users.
 * One error boundary (cloudfunctions/src/platform/http/error-boundary.ts) turns them into responses.
 *
 * @example
 *   throw notFound('案件不存在', 'case_not_found')
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const invalid = (message: string, code = 'invalid_input', data?: unknown) => new DomainError(code, 400, message, data);
export const unauthenticated = (message = '请先登录', code = 'unauthenticated') => new DomainError(code, 401, message);
export const forbidden = (message = '无权执行此操作', code = 'forbidden') => new DomainError(code, 403, message);
export const notFound = (message = '资源不存在', code = 'not_found') => new DomainError(code, 404, message);
export const conflict = (message = '数据已被他人修改，请刷新后重试', code = 'conflict') => new DomainError(code, 409, message);
export const gone = (message = '资源已失效', code = 'gone') => new DomainError(code, 410, message);
export const tooLarge = (message = '内容过大', code = 'payload_too_large') => new DomainError(code, 413, message);
export const rateLimited = (message = '操作过于频繁，请稍后再试', code = 'rate_limited') => new DomainError(code, 429, message);
export const invalidTransition = (from: string, action: string) =>
  new DomainError('invalid_transition', 409, `当前状态（${from}）不能执行“${action}”`, { from, action });

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;
