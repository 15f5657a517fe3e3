/** The realm roles of xietong; the realm file, candidate groups in BPMN and the API all use these names. */
export const roles = [
  'designer',
  'district-it',
  'command-center',
  'officer',
  'squad-leader',
  'legal-reviewer',
  'agency-head',
  'province-admin',
] as const;

export type Role = (typeof roles)[number];

export const isRole = (value: unknown): value is Role => typeof value === 'string' && (roles as readonly string[]).includes(value);
