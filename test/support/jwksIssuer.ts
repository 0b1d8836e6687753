/**
 * A stand-in identity provider for JWKS tests: an ES256 key pair whose public half is served at
 * `/jwks.json` on a loopback port, and a signer for tokens with that key.
 */
import express from 'express';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const JWKS_ISSUER = 'https://idp.example';
export const JWKS_AUDIENCE = 'essay-matching';

export interface JwksIssuer {
  jwksUrl: string;
  /** A 5-minute ES256 token for `idp-teacher` with kid k1; `issuer`/`audience` null leave the claim out. */
  sign(claims: Record<string, unknown>, options?: { key?: CryptoKey; issuer?: string | null; audience?: string | null }): Promise<string>;
  close(): Promise<void>;
}

export async function startJwksIssuer(): Promise<JwksIssuer> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
  const app = express();
  app.get('/jwks.json', (_req, res) => {
    res.json({ keys: [jwk] });
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    jwksUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`,
    sign(claims, { key = privateKey, issuer = JWKS_ISSUER, audience = JWKS_AUDIENCE } = {}) {
      let jwt = new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: 'k1' }).setSubject('idp-teacher').setIssuedAt().setExpirationTime('5m');
      if (issuer !== null) jwt = jwt.setIssuer(issuer);
      if (audience !== null) jwt = jwt.setAudience(audience);
      return jwt.sign(key);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
