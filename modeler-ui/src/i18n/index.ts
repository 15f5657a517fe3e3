import { en } from './en';
import { zhCN, type MessageKey, type Messages } from './zh-CN';

export type { MessageKey } from './zh-CN';
export type Language = 'zh-CN' | 'en';

/** Text the API sends in both languages (error messages, field errors). */
export interface LocalizedText {
  zh: string;
  en: string;
}

const catalogs: Record<Language, Messages> = { 'zh-CN': zhCN, en };
const storageKey = 'xietong.language';
const listeners = new Set<() => void>();

let current: Language = readStoredLanguage();
document.documentElement.lang = current;

function readStoredLanguage(): Language {
  return localStorage.getItem(storageKey) === 'en' ? 'en' : 'zh-CN';
}

export function language(): Language {
  return current;
}

export function setLanguage(next: Language): void {
  if (next === current) return;
  current = next;
  localStorage.setItem(storageKey, next);
  document.documentElement.lang = next;
  listeners.forEach((listener) => listener());
}

export function onLanguageChange(listener: () => void): void {
  listeners.add(listener);
}

export function t(key: MessageKey, vars: Record<string, string | number> = {}): string {
  return catalogs[current][key].replace(/\{(\w+)\}/g, (match, name: string) =>
    name in vars ? String(vars[name]) : match,
  );
}

type LabelPrefix = 'source' | 'category' | 'status' | 'role' | 'audit';

export function hasLabel(prefix: LabelPrefix, value: string): boolean {
  return `${prefix}.${value}` in zhCN;
}

/** Label of an API enum value (source, status, role, audit action); unknown values show as sent. */
export function label(prefix: LabelPrefix, value: string): string {
  return hasLabel(prefix, value) ? t(`${prefix}.${value}` as MessageKey) : value;
}

export function localized(text: LocalizedText): string {
  return current === 'zh-CN' ? text.zh : text.en;
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(current, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(date);
}
