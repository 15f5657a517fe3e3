import { errorMessage, isAbort } from '../api/api-error';
import { clear, h } from '../dom/h';
import { t } from '../i18n';
import type { AppContext } from './app-context';

export type NavKey = 'tasks' | 'new-intake' | 'cases' | 'incidents' | 'deployments' | 'modeler' | 'review' | 'penalty-cases' | 'credit-repairs' | 'inspections';

/** What a page renders into; `signal` aborts when the user navigates away. */
export interface PageView {
  outlet: HTMLElement;
  params: string[];
  signal: AbortSignal;
  onDispose(dispose: () => void): void;
  setTitle(title: string): void;
  /** Renders this route again with fresh data. */
  refresh(): Promise<void>;
}

export type Page = (ctx: AppContext, view: PageView) => Promise<void> | void;

export interface Route {
  pattern: RegExp;
  nav?: NavKey;
  page: Page;
}

export const defaultRoute = '#/tasks';

/** Hash router: one page at a time, the previous one aborted and disposed first. */
export class Router {
  private controller = new AbortController();
  private disposers: Array<() => void> = [];

  constructor(
    private readonly routes: Route[],
    private readonly ctx: AppContext,
    private readonly outlet: HTMLElement,
    private readonly onNavigate: (nav: NavKey | undefined) => void,
  ) {}

  start(): void {
    window.addEventListener('hashchange', () => void this.render());
    void this.render();
  }

  /** Renders the current route again, e.g. after the language changed. */
  refresh(): Promise<void> {
    return this.render();
  }

  private async render(): Promise<void> {
    const path = location.hash.replace(/^#/, '');
    if (!path.startsWith('/')) {
      location.replace(defaultRoute);
      return;
    }
    this.controller.abort();
    this.disposers.splice(0).forEach((dispose) => dispose());
    const controller = new AbortController();
    this.controller = controller;

    const match = this.match(path);
    this.onNavigate(match?.route.nav);
    clear(this.outlet);
    window.scrollTo(0, 0);
    if (!match) {
      this.outlet.append(
        h('section', { class: 'page' }, h('h1', {}, t('app.notFound')), h('a', { href: defaultRoute }, t('app.backHome'))),
      );
      return;
    }
    const view: PageView = {
      outlet: this.outlet,
      params: match.params,
      signal: controller.signal,
      onDispose: (dispose) => this.disposers.push(dispose),
      setTitle: (title) => {
        document.title = `${title} · ${t('app.name')}`;
      },
      refresh: () => this.refresh(),
    };
    try {
      await match.route.page(this.ctx, view);
    } catch (error) {
      if (controller.signal.aborted || isAbort(error)) return;
      clear(this.outlet);
      this.outlet.append(pageError(errorMessage(error), () => void this.refresh()));
    }
  }

  private match(path: string): { route: Route; params: string[] } | undefined {
    for (const route of this.routes) {
      const found = route.pattern.exec(path);
      if (found) return { route, params: found.slice(1).map(decodeURIComponent) };
    }
    return undefined;
  }
}

/** A full-page error with a retry, used when a page could not load its data. */
export function pageError(message: string, retry: () => void): HTMLElement {
  return h(
    'section',
    { class: 'page' },
    h(
      'div',
      { class: 'alert alert-error', role: 'alert', 'data-testid': 'page-error' },
      h('p', {}, message),
      h('button', { type: 'button', class: 'button button-secondary', onClick: retry }, t('app.retry')),
    ),
  );
}
