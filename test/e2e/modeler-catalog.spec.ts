import { readFileSync } from 'node:fs';
import path from 'node:path';
import { as } from '../support/api';

const root = path.join(__dirname, '..', '..');

describe('modeler catalog and model sources through Keycloak', () => {
  it('a jiashan designer gets the realm roles, the forms with Chinese names and the registered topics as lists', async () => {
    const { status, body } = await as('jiashan.designer').get('/modeler/catalog');
    expect(status).toBe(200);
    expect(body.roles).toEqual(expect.arrayContaining(['squad-leader', 'command-center', 'legal-reviewer']));
    expect(body.forms).toEqual(expect.arrayContaining([{ id: 'intake-handle', name: '处置' }]));
    expect(body.topics.map((topic: { id: string }) => topic.id)).toContain('notify');
  });

  it('lists shared templates, tables and forms plus only the caller district’s variants, and serves their sources', async () => {
    const { body } = await as('jiashan.designer').get('/modeler/models');
    expect(body).toEqual(expect.arrayContaining([{ kind: 'template', name: 'intake-dispatch' }, { kind: 'dmn', name: 'triage' }, { kind: 'variant', name: 'intake-dispatch', district: 'jiashan' }]));
    expect(body.filter((model: { district?: string }) => model.district && model.district !== 'jiashan')).toEqual([]);

    const variant = await as('jiashan.designer').get('/modeler/models/variant/intake-dispatch');
    expect(variant.status).toBe(200);
    expect(variant.body).toBe(readFileSync(path.join(root, 'bpmn', 'districts', 'jiashan', 'intake-dispatch.bpmn'), 'utf8'));
    const templates = await as('jiashan.designer').get('/modeler/element-templates');
    expect(templates.body).toEqual(JSON.parse(readFileSync(path.join(root, 'bpmn', 'element-templates', 'xietong-topics.json'), 'utf8')));
  });

  it('answers a path that climbs out of bpmn/ as not found, and refuses an officer', async () => {
    expect((await as('jiashan.designer').get('/modeler/models/template/..%2F..%2Fpackage')).status).toBe(404);
    expect((await as('jiashan.officer').get('/modeler/catalog')).status).toBe(403);
    expect((await as('jiashan.officer').get('/modeler/models/template/intake-dispatch')).status).toBe(403);
  });
});
