import { t, type MessageKey } from '../i18n';

// form-js 1.x has no i18n for its built-in validation; these are its English messages.
const patterns: Array<[RegExp, MessageKey]> = [
  [/^Field is required\.$/, 'formjs.required'],
  [/^Field must have minimum value of (.+)\.$/, 'formjs.min'],
  [/^Field must have maximum value of (.+)\.$/, 'formjs.max'],
  [/^Field must have minimum length of (.+)\.$/, 'formjs.minLength'],
  [/^Field must have maximum length of (.+)\.$/, 'formjs.maxLength'],
  [/^Field must match pattern /, 'formjs.pattern'],
  [/^Field must be a valid email\.$/, 'formjs.email'],
  [/^Field must be a valid\s+international phone number/, 'formjs.phone'],
  [/^Value is not a number\.$/, 'formjs.number'],
];

export function translateValidationMessage(message: string): string {
  for (const [pattern, key] of patterns) {
    const match = pattern.exec(message);
    if (match) return t(key, { value: match[1] ?? '' });
  }
  return message;
}

interface Validator {
  validateFieldInstance(fieldInstance: unknown, value: unknown): string[];
}

/** form-js module: decorates the viewer's `validator` so its messages follow the UI language. */
export const localizedValidationModule = {
  __init__: [
    [
      'validator',
      (validator: Validator) => {
        const validate = validator.validateFieldInstance.bind(validator);
        validator.validateFieldInstance = (fieldInstance, value) =>
          validate(fieldInstance, value).map(translateValidationMessage);
      },
    ],
  ],
};
