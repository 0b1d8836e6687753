// The bearer token: taken from the `#token=` of a sign-in link (then removed from the address bar so it is
// not bookmarked or shared by accident) or pasted by the user; kept in sessionStorage, i.e. for this tab only.

const KEY = 'essay-app.token';

export function tokenFromLink() {
  const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (!match) return null;
  history.replaceState(null, '', location.pathname + location.search);
  return decodeURIComponent(match[1]);
}

export function loadToken() {
  return sessionStorage.getItem(KEY);
}

export function saveToken(token) {
  if (token) sessionStorage.setItem(KEY, token);
  else sessionStorage.removeItem(KEY);
}

/**
 * Who the token says the user is, for display only (the server verifies it). null when it is not a JWT.
 * Tokens pasted with a "Bearer " prefix or surrounding whitespace are accepted.
 */
export function describeToken(raw) {
  const token = raw.trim().replace(/^Bearer\s+/i, '');
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const json = atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='));
    const claims = JSON.parse(json);
    return { token, sub: String(claims.sub ?? '?'), role: String(claims.role ?? '?'), expiresAt: claims.exp ? new Date(claims.exp * 1000) : null };
  } catch {
    return null;
  }
}
