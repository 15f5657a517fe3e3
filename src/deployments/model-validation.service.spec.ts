import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CurrentUser } from '../auth/current-user';
import type { Role } from '../auth/roles';
import { repoRoot } from '../repo-root';
import { ModelGuard } from './model-guard/model-guard';
import { ModelValidationService } from './model-validation.service';

const user = (role: Role): CurrentUser => ({ username: `jiashan.${role}`, name: role, district: 'jiashan', roles: [role] });
const template = readFileSync(join(repoRoot, 'bpmn', 'templates', 'intake-dispatch.bpmn'));

describe(ModelValidationService.name, () => {
  const sut = new ModelValidationService(new ModelGuard());

  it.each(['designer', 'district-it', 'province-admin'] as Role[])('lets a %s validate a model', async (role) => {
    expect(await sut.validate(user(role), template)).toEqual({ valid: true, problems: [] });
  });

  it.each(['officer', 'squad-leader', 'command-center', 'legal-reviewer', 'agency-head'] as Role[])('refuses a %s with FORBIDDEN', async (role) => {
    await expect(sut.validate(user(role), template)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('answers VALIDATION_FAILED when no XML document was sent', async () => {
    await expect(sut.validate(user('designer'), undefined)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('reports the problems of a refused model', async () => {
    const result = await sut.validate(user('designer'), readFileSync(join(__dirname, 'model-guard', 'fixtures', 'java-class.bpmn')));
    expect(result.valid).toBe(false);
    expect(result.problems).toContainEqual(expect.objectContaining({ elementId: 'Step', rule: 'no-java-class' }));
  });
});
