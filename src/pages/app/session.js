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

/**
 * The token to start with. A sign-in link's token replaces this tab's session silently only when it is
 * the same user and role (a fresh token); for anyone else the teacher is asked first (issue 10), so a
 * link someone sent cannot quietly switch whose batches this tab shows and changes.
 */
export async function chooseToken() {
  const fromLink = tokenFromLink();
  const current = loadToken();
  if (!fromLink) return current;
  const was = current ? describeToken(current) : null;
  const now = describeToken(fromLink);
  const sameUser = was && now && was.sub === now.sub && was.role === now.role;
  if (!was || sameUser || (await askToReplace(was, now))) saveToken(fromLink);
  return loadToken();
}

function askToReplace(was, now) {
  const dialog = document.getElementById('session-dialog');
  document.getElementById('session-text').textContent =
    `This tab is signed in as ${was.sub} (${was.role}). The link you opened signs in as ${now ? `${now.sub} (${now.role})` : 'someone else'}.`;
  return new Promise((resolve) => {
    const answer = (replace) => () => {
      dialog.close();
      resolve(replace);
    };
    document.getElementById('session-keep').addEventListener('click', answer(false), { once: true });
    document.getElementById('session-replace').addEventListener('click', answer(true), { once: true });
    // Esc keeps the session: the safe answer.
    dialog.addEventListener('cancel', answer(false), { once: true });
    dialog.showModal();
    document.getElementById('session-keep').focus();
  });
}
