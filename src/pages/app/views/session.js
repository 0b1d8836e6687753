// Signed in or not, who, the live-update link, and the notice line.
import { signIn, signOut } from '../actions.js';
import { byId, h, replace } from '../dom.js';
import { view } from '../store.js';

const LIVE_TEXT = {
  off: '',
  connecting: 'Connecting for live updates…',
  live: 'Live updates on',
  polling: 'Live updates unavailable: checking every 2 seconds',
};

export function mountSession() {
  byId('sign-in-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const input = byId('token-input');
    void signIn(input.value).then((ok) => {
      if (ok) input.value = '';
    });
  });

  view((ctx) => ({ user: ctx.user, live: ctx.live, view: ctx.view, booted: ctx.booted }), ({ user, live, view: shown, booted }) => {
    byId('sign-in').hidden = Boolean(user) || !booted;
    byId('workspace').hidden = !user;
    byId('home-view').hidden = shown !== 'home';
    replace(byId('session'), user && [
      h('span', null, 'Signed in as ', h('strong', null, user.sub), ` (${user.role})`),
      h('span', { class: `live live-${live}` }, LIVE_TEXT[live]),
      h('button', { type: 'button', id: 'sign-out', onClick: () => signOut() }, 'Sign out'),
    ]);
  });

  view((ctx) => ctx.notice, (notice) => {
    const box = byId('notice');
    box.className = `notice${notice ? ` notice-${notice.kind}` : ''}`;
    // The prefix says error/info in words, so the notice does not rely on colour.
    replace(box, notice && [
      h('strong', null, notice.kind === 'error' ? 'Problem: ' : 'Note: '), notice.text,
      notice.href && location.hash !== notice.href && [' ', h('a', { href: notice.href, id: 'notice-link' }, 'Open the batch')],
    ]);
  });
}
