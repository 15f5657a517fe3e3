import type { CurrentUser } from '../auth/current-user';
import { clear, h } from '../dom/h';
import { hasLabel, label, language, setLanguage, t } from '../i18n';
import type { NavKey } from './router';
import { createToaster } from './toast';

const navItems: Array<{ key: NavKey; href: string; text: () => string; forRole?: string; forRoles?: string[] }> = [
  { key: 'tasks', href: '#/tasks', text: () => t('nav.tasks') },
  { key: 'new-intake', href: '#/intakes/new', text: () => t('nav.newIntake') },
  { key: 'cases', href: '#/cases', text: () => t('nav.cases') },
  // The people who take part in these flows; filing itself is checked again by the API.
  { key: 'penalty-cases', href: '#/penalty-cases', text: () => t('nav.penaltyCases'), forRoles: ['officer', 'squad-leader', 'legal-reviewer', 'agency-head'] },
  { key: 'credit-repairs', href: '#/credit-repairs', text: () => t('nav.creditRepairs'), forRoles: ['officer', 'squad-leader', 'legal-reviewer', 'agency-head'] },
  { key: 'inspections', href: '#/inspections', text: () => t('nav.inspections'), forRoles: ['officer', 'command-center', 'squad-leader', 'legal-reviewer'] },
  { key: 'incidents', href: '#/incidents', text: () => t('nav.incidents'), forRole: 'district-it' },
  { key: 'deployments', href: '#/deployments', text: () => t('nav.deployments'), forRole: 'district-it' },
  { key: 'review', href: '#/drafts', text: () => t('nav.review'), forRoles: ['designer', 'district-it'] },
  { key: 'modeler', href: '#/modeler', text: () => t('nav.modeler'), forRoles: ['designer', 'district-it', 'province-admin'] },
];

export interface Shell {
  outlet: HTMLElement;
  toast(message: string, kind?: 'success' | 'error'): void;
  setActive(nav: NavKey | undefined): void;
  /** Redraws header and navigation in the current language; the page is redrawn by the router. */
  redraw(): void;
}

/** The frame around every page: header with user and district, navigation, toast region. */
export function mountShell(root: HTMLElement, user: CurrentUser, onLogout: () => void): Shell {
  const header = h('header', { class: 'app-header' });
  const nav = h('nav', { class: 'app-nav' });
  const outlet = h('main', { class: 'app-main', id: 'main', tabindex: '-1', 'data-testid': 'page-outlet' });
  const toaster = createToaster();
  let active: NavKey | undefined;

  const roleText = (): string =>
    user.roles
      .filter((role) => hasLabel('role', role))
      .map((role) => label('role', role))
      .join('、');

  const drawHeader = (): void => {
    const otherLanguage = language() === 'zh-CN' ? 'en' : 'zh-CN';
    clear(header);
    header.append(
      h(
        'div',
        { class: 'app-header-bar' },
        h(
          'a',
          { class: 'brand', href: '#/tasks' },
          h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, '协'),
          h('span', { class: 'brand-name' }, t('app.name')),
          h('span', { class: 'brand-tagline' }, t('app.tagline')),
        ),
        h(
          'div',
          { class: 'header-actions' },
          h(
            'button',
            {
              type: 'button',
              class: 'header-button',
              lang: otherLanguage,
              'aria-label': t('app.otherLanguageLabel'),
              'data-testid': 'language-switch',
              onClick: () => setLanguage(otherLanguage),
            },
            t('app.otherLanguage'),
          ),
          h(
            'button',
            { type: 'button', class: 'header-button', 'data-testid': 'logout-button', onClick: onLogout },
            t('app.logout'),
          ),
        ),
      ),
      h(
        'p',
        { class: 'user-summary', 'data-testid': 'user-summary' },
        h('span', { class: 'user-name', 'data-testid': 'user-name' }, user.name || user.username),
        h('span', { class: 'user-district', 'data-testid': 'user-district' }, user.districtName),
        h('span', { class: 'user-role', 'data-testid': 'user-role' }, roleText()),
      ),
    );
  };

  const drawNav = (): void => {
    clear(nav);
    nav.setAttribute('aria-label', t('nav.label'));
    nav.append(
      ...navItems.filter((item) => (!item.forRole || user.roles.includes(item.forRole)) && (!item.forRoles || item.forRoles.some((role) => user.roles.includes(role)))).map((item) =>
        h(
          'a',
          {
            href: item.href,
            class: 'nav-link',
            'data-testid': `nav-${item.key}`,
            'aria-current': item.key === active ? 'page' : undefined,
          },
          item.text(),
        ),
      ),
    );
  };

  clear(root);
  root.append(header, nav, outlet, toaster.element);
  drawHeader();
  drawNav();

  return {
    outlet,
    toast: toaster.show,
    setActive(next) {
      active = next;
      drawNav();
    },
    redraw() {
      drawHeader();
      drawNav();
    },
  };
}
