/** Who is calling: `sub` of the token (or the gateway's X-User-ID) and its role. */
export const PRINCIPAL_ROLES = ['teacher', 'operator', 'service'] as const;
export type PrincipalRole = (typeof PRINCIPAL_ROLES)[number];

export interface Principal {
  userId: string;
  role: PrincipalRole;
  /** How the identity was established; gateway identities are only accepted when TRUSTED_GATEWAY=true. */
  via: 'jwt' | 'gateway';
}

export function isPrincipalRole(value: unknown): value is PrincipalRole {
  return typeof value === 'string' && (PRINCIPAL_ROLES as readonly string[]).includes(value);
}

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by requireAuth; absent on public routes. */
    principal?: Principal;
  }
}
