/// <reference types="jest" />
import { Linter } from 'bpmnlint';
import { fixtureNames, fixturePath, readModel, realCatalog } from './fixtures/lint-fixtures';
import { lintConfig } from './lint-config';
import { xietongRules } from './xietong-rules';

type Report = { id?: string; message: string; category: string };

/** Everything bpmnlint's own linter reports on a fixture, with our rules packed as the modeler packs them. */
async function lint(fixture: string): Promise<Record<string, Report[]>> {
  return new Linter(lintConfig(realCatalog())).lint(await readModel(fixturePath(fixture)));
}

/** One rule's reports on a fixture as [element id, message], sorted; all must be errors. */
async function reportsOf(rule: string, fixture: string): Promise<Array<[string | undefined, string]>> {
  const reports = (await lint(fixture))[`xietong/${rule}`] ?? [];
  expect(reports.map((r) => r.category)).toEqual(reports.map(() => 'error'));
  return reports.map((r): [string | undefined, string] => [r.id, r.message]).sort(([a], [b]) => String(a).localeCompare(String(b)));
}

describe('xietongRules', () => {
  it('are the four rules these specs cover, packed under xietong/', () => {
    expect(Object.keys(xietongRules).sort()).toEqual(['external-task', 'no-code', 'timer', 'user-task']);
    expect(Object.keys(lintConfig(realCatalog()).config.rules).filter((name) => name.startsWith('xietong/'))).toHaveLength(4);
  });

  it('fixtures carry nothing the recommended rules report, so every report below is our rules’ own', async () => {
    for (const fixture of fixtureNames()) {
      const recommended = Object.keys(await lint(fixture)).filter((rule) => !rule.startsWith('xietong/'));
      expect([fixture, recommended]).toEqual([fixture, []]);
    }
  });

  describe('user-task', () => {
    it('passes a user task offered to a realm role, with a shipped form bound to the deployment', async () => {
      expect(await reportsOf('user-task', 'user-task-valid.bpmn')).toEqual([]);
    });

    it.each([
      ['offered to nobody', 'user-task-without-candidate-group.bpmn', [['Review', 'User task needs a candidate group']]],
      ['offered to a group that is not a realm role', 'user-task-unknown-role.bpmn', [['Review', 'Candidate group "chief-of-police" is not a role']]],
      ['offered to a list of groups with one that is not a realm role', 'user-task-several-roles.bpmn', [['Review', 'Candidate group "chief-of-police" is not a role']]],
      ['without a form', 'user-task-without-form.bpmn', [['Review', 'User task needs a form']]],
      ['naming a form that is not shipped', 'user-task-unknown-form.bpmn', [['Review', 'Form "case-appeal" does not exist']]],
      [
        'with its form bound to the latest version, or not bound at all',
        'user-task-form-binding.bpmn',
        [
          ['Decide', 'Form binding must be deployment'],
          ['Review', 'Form binding must be deployment'],
        ],
      ],
    ])('reports a user task %s (%s)', async (_case, fixture, expected) => {
      expect(await reportsOf('user-task', fixture)).toEqual(expected);
    });
  });

  describe('external-task', () => {
    it('passes a service task and a send task that are external tasks on registered topics', async () => {
      expect(await reportsOf('external-task', 'external-task-valid.bpmn')).toEqual([]);
    });

    it('reports a service task with no implementation and an external send task with no topic', async () => {
      expect(await reportsOf('external-task', 'external-task-not-external.bpmn')).toEqual([
        ['Feedback', 'Service task must be an external task with a registered topic'],
        ['FileCase', 'Service task must be an external task with a registered topic'],
      ]);
    });

    it('reports an external task on a topic no worker serves', async () => {
      expect(await reportsOf('external-task', 'external-task-unknown-topic.bpmn')).toEqual([['FileCase', 'Topic "case.fax-party" is not registered']]);
    });
  });

  describe('no-code', () => {
    it.each(['user-task-valid.bpmn', 'external-task-valid.bpmn', 'timer-valid.bpmn'])('passes a model of user and external tasks only (%s)', async (fixture) => {
      expect(await reportsOf('no-code', fixture)).toEqual([]);
    });

    it('reports a script task', async () => {
      expect(await reportsOf('no-code', 'no-code-script-task.bpmn')).toEqual([['Compute', 'Scripts are not allowed']]);
    });

    it.each(['no-code-java-class.bpmn', 'no-code-delegate-expression.bpmn', 'no-code-expression.bpmn'])('reports a task implemented in code on the server (%s)', async (fixture) => {
      expect(await reportsOf('no-code', fixture)).toEqual([['Notify', 'Java classes, delegate expressions and expression hooks are not allowed']]);
    });
  });

  describe('timer', () => {
    it('passes an ISO date, an ISO duration, an ISO cycle and a date variable', async () => {
      expect(await reportsOf('timer', 'timer-valid.bpmn')).toEqual([]);
    });

    it('reports a timer in words, one computed by an expression and one with no value', async () => {
      const message = 'Timer needs an ISO 8601 value or a date variable';
      expect(await reportsOf('timer', 'timer-invalid.bpmn')).toEqual([
        ['Deadline', message],
        ['Remind', message],
        ['Respond', message],
      ]);
    });
  });
});
