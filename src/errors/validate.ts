import type { ZodType, ZodTypeDef } from 'zod';
import { AppError, FieldProblem } from './app-error';

/** Validates input at the edge with a zod schema and answers 400 with every problem, field by field. */
export function parseOrThrow<T>(schema: ZodType<T, ZodTypeDef, unknown>, input: unknown, messages: Record<string, { zh: string; en: string }> = {}): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details: FieldProblem[] = result.error.issues.map((issue) => {
    const field = issue.path.join('.') || 'body';
    const known = messages[field];
    return { field, zh: known?.zh ?? describeZh(issue.code, issue.message), en: known?.en ?? `${field}: ${issue.message}` };
  });
  throw new AppError('VALIDATION_FAILED', details);
}

function describeZh(code: string, message: string): string {
  switch (code) {
    case 'invalid_type':
      return message === 'Required' ? '必填' : '类型不正确';
    case 'too_small':
      return '内容过短或为空';
    case 'too_big':
      return '内容过长';
    case 'invalid_enum_value':
      return '取值不在允许范围内';
    case 'unrecognized_keys':
      return '包含未知字段';
    default:
      return '格式不正确';
  }
}
