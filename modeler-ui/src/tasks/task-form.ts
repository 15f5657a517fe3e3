// Loaded on demand: form-js (with its FEEL engine) is the heaviest part of the task page.
import '@bpmn-io/form-js/dist/assets/form-js.css';
import '@bpmn-io/form-js/dist/assets/flatpickr/light.css';
import { Form } from '@bpmn-io/form-js';
import type { FieldError } from '../api/api-error';
import { localized } from '../i18n';
import type { FormSchema } from './tasks-api';
import { localizedValidationModule } from './form-validation-messages';

interface FormField {
  id: string;
  key?: string;
  label?: string;
}

export interface SubmitResult {
  data: Record<string, unknown>;
  hasErrors: boolean;
}

export interface TaskForm {
  /** Validates and, through the `submit` event, hands the values to `onSubmit`. */
  submit(): void;
  onSubmit(handler: (result: SubmitResult) => void): void;
  /** Shows API field errors beside their fields; returns the ones no field of this form matches. */
  showFieldErrors(errors: FieldError[]): FieldError[];
  fieldLabel(key: string): string | undefined;
  destroy(): void;
}

export async function mountTaskForm(
  container: HTMLElement,
  schema: FormSchema,
  data: Record<string, unknown>,
): Promise<TaskForm> {
  const form = new Form({ container, additionalModules: [localizedValidationModule] });
  await form.importSchema(schema, data);

  const fields = (): FormField[] => form.get<{ getAll(): FormField[] }>('formFieldRegistry').getAll();
  const fieldByKey = (key: string): FormField | undefined => fields().find((field) => field.key === key);

  return {
    submit: () => {
      form.submit();
    },
    onSubmit(handler) {
      form.on('submit', (event: { data: Record<string, unknown>; errors: Record<string, unknown> }) =>
        handler({ data: event.data, hasErrors: Object.keys(event.errors).length > 0 }),
      );
    },
    showFieldErrors(errors) {
      const byField: Record<string, string[]> = {};
      const unmatched: FieldError[] = [];
      for (const error of errors) {
        const field = fieldByKey(error.field);
        if (field) (byField[field.id] ??= []).push(localized(error));
        else unmatched.push(error);
      }
      // form-js has no public setter for server-side errors; its own state renders them beside the field.
      form._setState({ errors: byField });
      return unmatched;
    },
    fieldLabel: (key) => fieldByKey(key)?.label,
    destroy: () => form.destroy(),
  };
}
