import type { RequestHandler } from 'express';
import helmet from 'helmet';

// Issue 10: every answer carries nosniff, a referrer policy and frame-ancestors 'none'. The pages (/app,
// /inspector) are HTML + ES modules from this origin only, so their policy allows no inline script or
// style at all; only the Swagger UI at /docs (React setting style attributes, data: icons) gets a
// scoped exception. HSTS is left to whoever terminates TLS.

const common = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

export const STRICT_CSP = { ...common, styleSrc: ["'self'"], imgSrc: ["'self'"] };
export const DOCS_CSP = { ...common, styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'] };

const withPolicy = (directives: Record<string, string[]>) =>
  helmet({
    contentSecurityPolicy: { useDefaults: false, directives },
    strictTransportSecurity: false,
    referrerPolicy: { policy: 'no-referrer' },
    frameguard: { action: 'deny' },
    crossOriginEmbedderPolicy: false,
  });

/** The headers of every response; /docs (and its assets) get the Swagger UI's scoped policy. */
export function securityHeaders(): RequestHandler {
  const strict = withPolicy(STRICT_CSP);
  const docs = withPolicy(DOCS_CSP);
  return (req, res, next) => (req.path === '/docs' || req.path.startsWith('/docs/') ? docs : strict)(req, res, next);
}
