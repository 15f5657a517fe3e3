import { h } from '../dom/h';

const visibleMs = 3500;

/** A polite live region: the message survives the route change that usually follows it. */
export function createToaster(): { element: HTMLElement; show(message: string, kind?: 'success' | 'error'): void } {
  const element = h('div', { class: 'toast-region', role: 'status', 'aria-live': 'polite' });
  return {
    element,
    show(message, kind = 'success') {
      const toast = h('div', { class: `toast toast-${kind}`, 'data-testid': 'toast' }, message);
      element.append(toast);
      setTimeout(() => toast.remove(), visibleMs);
    },
  };
}
