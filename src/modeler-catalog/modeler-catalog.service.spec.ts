import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CurrentUser } from '../auth/current-user';
import { AppError } from '../errors/app-error';
import { formName, ModelerCatalogService } from './modeler-catalog.service';

const designer: CurrentUser = { username: 'jiashan.designer', name: '嘉善设计员', district: 'jiashan', roles: ['designer'] };
const officer: CurrentUser = { ...designer, username: 'jiashan.officer', roles: ['officer'] };

function bpmnFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'catalog-'));
  for (const sub of ['templates', 'dmn', 'forms', 'districts/jiashan', 'districts/linan']) mkdirSync(join(dir, sub), { recursive: true });
  writeFileSync(join(dir, 'templates', 'intake-dispatch.bpmn'), '<definitions/>');
  writeFileSync(join(dir, 'dmn', 'triage.dmn'), '<definitions/>');
  writeFileSync(join(dir, 'forms', 'intake-handle.form'), JSON.stringify({ id: 'intake-handle', components: [{ type: 'text', text: '#### 处置\n说明' }] }));
  writeFileSync(join(dir, 'districts', 'jiashan', 'intake-dispatch.bpmn'), '<definitions id="jiashan"/>');
  writeFileSync(join(dir, 'districts', 'linan', 'intake-dispatch.bpmn'), '<definitions id="linan"/>');
  return dir;
}

describe(ModelerCatalogService.name, () => {
  const sut = new ModelerCatalogService(bpmnFolder());

  it('offers the realm roles, the forms with their Chinese names and the registered topics', () => {
    const catalog = sut.catalog(designer);
    expect(catalog.roles).toContain('squad-leader');
    expect(catalog.forms).toEqual([{ id: 'intake-handle', name: '处置' }]);
    expect(catalog.topics.map((t) => t.id)).toContain('notify');
  });

  it('lists shared models and only the caller district’s variants', () => {
    expect(sut.list(designer)).toEqual([
      { kind: 'template', name: 'intake-dispatch' },
      { kind: 'variant', name: 'intake-dispatch', district: 'jiashan' },
      { kind: 'dmn', name: 'triage' },
      { kind: 'form', name: 'intake-handle' },
    ]);
    expect(sut.source(designer, 'variant', 'intake-dispatch')).toContain('jiashan');
  });

  it('answers a path outside bpmn/ or an unknown kind as not found', () => {
    for (const [kind, name] of [['template', '../dmn/triage'], ['secret', 'x'], ['template', 'missing']]) {
      expect(() => sut.source(designer, kind, name)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    }
  });

  it('refuses a user who does not work on models', () => {
    expect(() => sut.catalog(officer)).toThrow(AppError);
    expect(() => sut.list(officer)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });

  it('names a form by its id when it has no heading', () => {
    expect(formName('{"components":[]}', 'x')).toBe('x');
    expect(formName('not json', 'y')).toBe('y');
  });
});
