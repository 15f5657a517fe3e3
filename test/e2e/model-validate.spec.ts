import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_MODEL_BYTES } from '../../src/deployments/model-guard/raw-document';
import { apiEngineClient } from '../support/backend';
import { as, callApi, tokenFor } from '../support/api';

const root = join(__dirname, '..', '..');
const fixture = (name: string) => readFileSync(join(root, 'src', 'deployments', 'model-guard', 'fixtures', name));
const shipped = (path: string) => readFileSync(join(root, 'bpmn', path));

describe('POST /api/models/validate', () => {
  const designer = as('jiashan.designer');

  it('a jiashan designer validates the shipped template: 200, valid, no problems', async () => {
    const response = await designer.postXml('/models/validate', shipped('templates/intake-dispatch.bpmn'));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ valid: true, problems: [] });
  });

  it('district IT and the province may validate too, DMN as well as BPMN', async () => {
    expect((await as('wucheng.district-it').postXml('/models/validate', shipped('dmn/triage.dmn'))).body).toEqual({ valid: true, problems: [] });
    expect((await as('linan.province-admin').postXml('/models/validate', shipped('templates/intake-dispatch.bpmn'))).status).toBe(200);
  });

  it('a model with a script task answers 422 naming the element and the rule', async () => {
    const response = await designer.postXml('/models/validate', fixture('script-task.bpmn'));
    expect(response.status).toBe(422);
    expect(response.body.valid).toBe(false);
    expect(response.body.problems).toContainEqual({ elementId: 'Step', rule: 'no-script', message: { zh: expect.stringContaining('Step'), en: expect.stringContaining('Step') } });
  });

  it('an XXE file that would read /etc/passwd is refused and nothing of the file appears in the answer', async () => {
    const response = await designer.postXml('/models/validate', fixture('xxe-passwd.bpmn'));
    expect(response.status).toBe(422);
    expect(response.body.problems.map((p: { rule: string }) => p.rule)).toEqual(['no-doctype']);
    expect(JSON.stringify(response.body)).not.toContain('root:');
  });

  it('a billion-laughs file is refused at once', async () => {
    const started = Date.now();
    const response = await designer.postXml('/models/validate', fixture('billion-laughs.bpmn'));
    expect(response.status).toBe(422);
    expect(response.body.problems).toEqual([expect.objectContaining({ elementId: null, rule: 'no-doctype' })]);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('an expression that would call Runtime is refused with the expression named', async () => {
    const response = await designer.postXml('/models/validate', fixture('runtime-expression.bpmn'));
    expect(response.status).toBe(422);
    expect(response.body.problems).toEqual([expect.objectContaining({ elementId: 'Step', rule: 'unsafe-expression', message: expect.objectContaining({ en: expect.stringContaining('Runtime') }) })]);
  });

  it('a step that leads nowhere fails bpmnlint on the server too', async () => {
    const xml = shipped('templates/intake-dispatch.bpmn').toString().replace('  </bpmn:process>', '    <bpmn:task id="Orphan" name="孤立任务" />\n  </bpmn:process>');
    const response = await designer.postXml('/models/validate', xml);
    expect(response.status).toBe(422);
    expect(response.body.problems).toContainEqual(expect.objectContaining({ elementId: 'Orphan', rule: 'lint' }));
  });

  it('a file that is not XML answers 422 not-xml', async () => {
    const response = await designer.postXml('/models/validate', fixture('not-xml.bpmn'));
    expect(response.status).toBe(422);
    expect(response.body).toEqual({ valid: false, problems: [expect.objectContaining({ elementId: null, rule: 'not-xml' })] });
  });

  it('a file over the size limit answers 422 file-too-large', async () => {
    const response = await designer.postXml('/models/validate', Buffer.alloc(MAX_MODEL_BYTES + 1024, ' '));
    expect(response.status).toBe(422);
    expect(response.body).toEqual({ valid: false, problems: [expect.objectContaining({ elementId: null, rule: 'file-too-large' })] });
  });

  it('validating deploys nothing', async () => {
    const key = `validate-probe-${randomUUID().slice(0, 8)}`;
    const xml = shipped('templates/intake-dispatch.bpmn').toString().replace('id="intake-dispatch"', `id="${key}"`).replace('bpmnElement="intake-dispatch"', `bpmnElement="${key}"`);
    expect((await designer.postXml('/models/validate', xml)).body).toEqual({ valid: true, problems: [] });
    expect(await apiEngineClient().latestDefinitionFor(key, 'jiashan')).toBeNull();
  });

  it('an officer may not validate models: 403 FORBIDDEN from the error set', async () => {
    const response = await as('jiashan.officer').postXml('/models/validate', shipped('templates/intake-dispatch.bpmn'));
    expect(response.status).toBe(403);
    expect(response.body).toEqual({ statusCode: 403, code: 'FORBIDDEN', message: { zh: expect.any(String), en: expect.any(String) } });
  });

  it('without a token answers 401', async () => {
    const response = await callApi('POST', '/models/validate', { xml: shipped('templates/intake-dispatch.bpmn') });
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('UNAUTHENTICATED');
  });

  it('a JSON body is not a model: 400 VALIDATION_FAILED', async () => {
    const response = await callApi('POST', '/models/validate', { token: await tokenFor('jiashan.designer'), body: { xml: '<x/>' } });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
  });
});
