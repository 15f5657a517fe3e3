import type { Language } from '../../i18n';
import { bpmnIoPatternsZhCN, bpmnIoZhCN, dmnZhCN, formJsZhCN } from './zh-CN';

type Replacements = Record<string, string | number | undefined>;

/** Per-language dictionaries of bpmn-io strings; English is bpmn-io's own text. */
const dictionaries: Record<Language, { exact: Record<string, string>; patterns: Array<[RegExp, string]> }> = {
  'zh-CN': { exact: { ...dmnZhCN, ...bpmnIoZhCN }, patterns: bpmnIoPatternsZhCN },
  en: { exact: {}, patterns: [] },
};

/** The bpmn-js `translate` contract: look the template up, then fill `{name}` placeholders. */
export function createTranslate(language: Language, extra: Record<string, string> = {}) {
  const { exact, patterns } = dictionaries[language];
  return function translate(template: string, replacements: Replacements = {}): string {
    let text = extra[template] ?? exact[template];
    if (text === undefined) {
      const pattern = patterns.find(([regexp]) => regexp.test(template));
      text = pattern ? template.replace(pattern[0], pattern[1]) : template;
    }
    return text.replace(/\{([^}]+)\}/g, (match, key: string) => {
      const value = replacements[key];
      return value === undefined ? match : String(exact[String(value)] ?? extra[String(value)] ?? value);
    });
  };
}

/** A diagram-js module that replaces the default `translate` service. */
export function translateModule(language: Language, extra: Record<string, string> = {}) {
  return { translate: ['value', createTranslate(language, extra)] };
}

const formJsDictionaries: Record<Language, Record<string, string>> = { 'zh-CN': formJsZhCN, en: {} };

/** The form editor's `translate`: form-js's own words first, where they differ from bpmn-js's. */
export function formTranslateModule(language: Language) {
  return translateModule(language, formJsDictionaries[language]);
}

export function isTranslated(text: string): boolean {
  return /[\u4e00-\u9fff]/.test(text);
}
