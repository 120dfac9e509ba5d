// The admin token lives in this tab's sessionStorage only: closing the tab or signing out forgets it.
const KEY = 'pushback.adminToken';

export const session = {
  token() {
    return sessionStorage.getItem(KEY);
  },
  signIn(token) {
    sessionStorage.setItem(KEY, token);
  },
  signOut() {
    sessionStorage.removeItem(KEY);
  },
  signedIn() {
    return Boolean(sessionStorage.getItem(KEY));
  },
};
