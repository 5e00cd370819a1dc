import { MongoNetworkError, MongoNotConnectedError, MongoServerSelectionError, MongoTopologyClosedError } from 'mongodb';

/**
 * Errors that mean "the database cannot be reached right now" (down, restarting, network), as opposed to a bad
 * query: the caller should get a 503 and may retry, and nothing about the request says it failed for good.
 */
export function isDatabaseUnavailable(e: unknown): boolean {
  return e instanceof MongoServerSelectionError || e instanceof MongoNetworkError || e instanceof MongoNotConnectedError || e instanceof MongoTopologyClosedError;
}

export const DATABASE_UNAVAILABLE_MESSAGE = '系统暂时无法访问数据库，请稍后重试';
