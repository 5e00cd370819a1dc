import { SignJWT, jwtVerify, errors } from 'jose';
import { unauthenticated } from '@cityloop/shared/errors';

const ISSUER = 'cityloop';
const key = (secret: string) => new TextEncoder().encode(secret);

/** Our own session token (HS256). Only the user id travels in it; roles are read fresh per request. */
export async function issueToken(secret: string, userId: string, ttlSec: number, now = new Date()): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(userId).setIssuer(ISSUER).setIssuedAt(iat).setExpirationTime(iat + ttlSec).sign(key(secret));
}

export async function verifyToken(secret: string, token: string, now = new Date()): Promise<string> {
  try {
    const { payload } = await jwtVerify(token, key(secret), { issuer: ISSUER, algorithms: ['HS256'], currentDate: now });
    if (!payload.sub) throw unauthenticated('登录凭证无效，请重新登录', 'invalid_token');
    return payload.sub;
  } catch (e) {
    if (e instanceof errors.JWTExpired) throw unauthenticated('登录已过期，请重新登录', 'token_expired');
    throw unauthenticated('登录凭证无效，请重新登录', 'invalid_token');
  }
}
