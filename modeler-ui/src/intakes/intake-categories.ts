import { label } from '../i18n';
import { zhCN } from '../i18n/zh-CN';

/** Categories the intake form offers; anything else the API accepts stays free text. */
export const intakeCategories = [
  'street-vending',
  'city-appearance',
  'illegal-construction',
  'construction-dust',
  'muck-transport',
  'kitchen-fumes',
  'noise',
  'illegal-parking',
  'outdoor-ads',
  'other',
] as const;
export type IntakeCategory = (typeof intakeCategories)[number];

/** The value sent to the API: the Chinese name, as case data is kept in the working language. */
export function categoryValue(category: IntakeCategory): string {
  return zhCN[`category.${category}`];
}

/** A stored category in the UI language: a name from the list gets its label, free text shows as is. */
export function categoryLabel(stored: string): string {
  const known = intakeCategories.find((category) => categoryValue(category) === stored);
  return known ? label('category', known) : stored;
}
