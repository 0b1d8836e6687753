// The operator's token lives in sessionStorage: it survives a reload but not the closing of the tab, and
// it is never a cookie, so no other site can make requests with it.
const KEY = 'inspector.token';

export const loadToken = () => sessionStorage.getItem(KEY);
export const saveToken = (token) => sessionStorage.setItem(KEY, token);
export const forgetToken = () => sessionStorage.removeItem(KEY);

/** Reads the `role` claim only to warn early; the server decides (403 for anyone but an operator). */
export function roleOf(token) {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(payload)).role ?? null;
  } catch {
    return null;
  }
}
