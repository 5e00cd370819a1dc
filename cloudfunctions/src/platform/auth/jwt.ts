import { SignJWT, jwtVerify, errors } from 'jose';
import { unauthenticated } from '@cityloop/shared/errors';
import { MAX_TOKEN_TTL_SEC } from '../config';

const ISSUER = 'cityloop';
const key = (secret: string) => new TextEncoder().encode(secret);

/** Our own session token (HS256). Only the user id travels in it; roles are read fresh per request. */
export async function issueToken(secret: string, userId: string, ttlSec: number, now = new Date()): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(userId).setIssuer(ISSUER).setIssuedAt(iat).setExpirationTime(iat + ttlSec).sign(key(secret));
}

/**
 * A session token must say who (`sub`, a string id), when it was issued and when it ends, and live at most
 * 7 days: a token without `exp`, or with a far `exp`, is refused even when its signature is good.
 */
export async function verifyToken(secret: string, token: string, now = new Date()): Promise<string> {
  try {
    const { payload } = await jwtVerify(token, key(secret), { issuer: ISSUER, algorithms: ['HS256'], currentDate: now, requiredClaims: ['sub', 'iat', 'exp'], maxTokenAge: MAX_TOKEN_TTL_SEC });
    const sub: unknown = payload.sub;
    if (typeof sub !== 'string' || !/^[\w-]{1,64}$/.test(sub)) throw new Error('sub is not an id');
    if (payload.exp! - payload.iat! > MAX_TOKEN_TTL_SEC) throw new Error('lifetime over 7 days');
    return sub;
  } catch (e) {
    if (e instanceof errors.JWTExpired) throw unauthenticated('登录已过期，请重新登录', 'token_expired');
    throw unauthenticated('登录凭证无效，请重新登录', 'invalid_token');
  }
}
