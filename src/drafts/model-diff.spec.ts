import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffModels, type ModelDiff } from './model-diff';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name), 'utf8');
const changesOf = (diff: ModelDiff, id: string) => Object.fromEntries((diff.changed.find((c) => c.id === id)?.changes ?? []).map((c) => [c.property, [c.before, c.after]]));

describe(diffModels.name, () => {
  const base = fixture('diff-base.bpmn');
  const changed = fixture('diff-changed.bpmn');
  let sut: ModelDiff;
  beforeAll(async () => (sut = await diffModels(base, changed)));

  it('finds nothing between a model and itself', async () => {
    expect(await diffModels(base, base)).toEqual({ added: [], removed: [], changed: [] });
  });

  it('lists the added task with its type and name', () => {
    expect(sut.added).toEqual([{ id: 'Approve', type: 'bpmn:UserTask', name: '审批' }]);
  });

  it('lists the removed service task', () => {
    expect(sut.removed).toEqual([{ id: 'Notify', type: 'bpmn:ServiceTask', name: '通知' }]);
  });

  it('names every changed property of a user task: name, candidate groups and a new extension property', () => {
    expect(changesOf(sut, 'Check')).toEqual({
      name: ['核查', '现场核查'],
      'camunda:candidateGroups': ['officer', 'squad-leader'],
      'property:xietong:mandatory': [null, '《行政处罚法》 第五十五条'],
    });
  });

  it('sees a changed timer and a changed condition', () => {
    expect(changesOf(sut, 'Wait')).toEqual({ timer: ['timeDuration: PT15M', 'timeDuration: PT30M'] });
    expect(changesOf(sut, 'Flow_Major')).toEqual({ condition: ["${level == 'major'}", "${level == 'major' || urgent}"] });
  });

  it('sees rewired flows, but not the order flows are listed in', () => {
    expect(changesOf(sut, 'Flow_3')).toEqual({ targetRef: ['Notify', 'Approve'] });
    // Decide and End list their flows in another order only: not a change
    expect(changesOf(sut, 'Decide')).toEqual({});
    expect(changesOf(sut, 'End')).toEqual({});
  });

  it('sees a changed topic and a changed type on the same id', async () => {
    const retyped = base.replace('<bpmn:serviceTask id="Notify" name="通知" camunda:type="external" camunda:topic="notify">', '<bpmn:serviceTask id="Notify" name="通知" camunda:type="external" camunda:topic="case.notify-party">');
    expect(changesOf(await diffModels(base, retyped), 'Notify')).toEqual({ 'camunda:topic': ['notify', 'case.notify-party'] });

    const asUserTask = base
      .replace('<bpmn:serviceTask id="Notify" name="通知" camunda:type="external" camunda:topic="notify">', '<bpmn:userTask id="Notify" name="通知" camunda:candidateGroups="officer">')
      .replace('</bpmn:serviceTask>', '</bpmn:userTask>');
    expect(changesOf(await diffModels(base, asUserTask), 'Notify')).toEqual({
      type: ['bpmn:ServiceTask', 'bpmn:UserTask'],
      'camunda:candidateGroups': [null, 'officer'],
      'camunda:topic': ['notify', null],
      'camunda:type': ['external', null],
    });
  });

  it('ignores the diagram layout', async () => {
    const withLayout = base.replace(
      '</bpmn:definitions>',
      '<bpmndi:BPMNDiagram xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" id="D"><bpmndi:BPMNPlane id="P" bpmnElement="diff-probe" /></bpmndi:BPMNDiagram></bpmn:definitions>',
    );
    expect(await diffModels(base, withLayout)).toEqual({ added: [], removed: [], changed: [] });
  });

  it('refuses a document that is not BPMN', async () => {
    await expect(diffModels(base, '<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" />')).rejects.toThrow();
  });
});
