// Rewrites every [data-until] countdown once a second, without re-rendering the page around it.
import { formatDuration } from './dom.js';

export function startTicker() {
  return setInterval(() => {
    for (const el of document.querySelectorAll('[data-until]')) {
      const left = Number(el.dataset.until) - Date.now();
      el.textContent = formatDuration(left);
      el.classList.toggle('overdue', left < 0);
    }
  }, 1000);
}
