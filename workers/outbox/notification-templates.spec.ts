import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../src/repo-root';
import { notificationTemplates, renderNotification } from './notification-templates';

function bpmnFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? bpmnFiles(join(dir, entry.name)) : entry.name.endsWith('.bpmn') ? [join(dir, entry.name)] : [],
  );
}

describe(renderNotification.name, () => {
  it('fills a known template from the process variables, showing dates in Beijing time', () => {
    const sut = renderNotification('intake.dispatched', { title: '商铺门前占道经营', caseNumber: 'JS-2026-0007', dueAt: new Date('2026-11-30T02:00:00Z') });
    expect(sut).toEqual({ known: true, title: '新派单', text: '新派单：「商铺门前占道经营」（JS-2026-0007），请于2026/11/30 10:00前处置并反馈。' });
  });

  it('shows a dash for a variable the process does not have instead of "undefined"', () => {
    expect(renderNotification('intake.closed', { title: '噪音扰民' }).text).toBe('您反映的「噪音扰民」（—）已办结，处置情况：—。');
  });

  it('sends the generic text for a template key nobody wrote yet, and says so', () => {
    const sut = renderNotification('no.such-template', { title: '渣土车未冲洗', subjectId: 'abc' });
    expect(sut).toEqual({ known: false, title: '协同执法通知', text: '您有一条新的协同执法通知：「渣土车未冲洗」（abc）。' });
  });

  it('has a text for every template key a shipped model sends', () => {
    const used = bpmnFiles(join(repoRoot, 'bpmn')).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/<camunda:inputParameter name="template">([^<$]+)<\/camunda:inputParameter>/g)].map((m) => `${m[1]} (${file.slice(repoRoot.length + 1)})`),
    );
    expect(used.length).toBeGreaterThan(0);
    expect(used.filter((entry) => !Object.hasOwn(notificationTemplates, entry.split(' ')[0]))).toEqual([]);
  });

  it('has Chinese text for every template', () => {
    for (const [key, template] of Object.entries(notificationTemplates)) {
      expect([key, /[\u4e00-\u9fa5]/.test(template.title) && /[\u4e00-\u9fa5]/.test(template.text)]).toEqual([key, true]);
    }
  });
});
