import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ModelGuard } from '../deployments/model-guard/model-guard';
import { bpmnParser, type ModdleElement } from '../deployments/model-guard/model-libraries';
import { repoRoot } from '../repo-root';
import { diffModels } from './model-diff';
import { mergeTemplateUpdate, type TemplateMerge } from './template-merge';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name), 'utf8');
const base = fixture('merge-base.bpmn');
const theirs = fixture('merge-theirs.bpmn');

/** The merged document read back: its elements by id, and the bounds or waypoints of each element's shape. */
async function readBack(xml: string) {
  const { rootElement, warnings } = await bpmnParser().fromXML(xml);
  expect(warnings).toEqual([]);
  const elements = new Map<string, ModdleElement>();
  const visit = (element: ModdleElement): void => {
    if (element.id) elements.set(element.id, element);
    for (const child of (element.get('flowElements') as ModdleElement[] | undefined) ?? []) visit(child);
  };
  for (const root of rootElement.get('rootElements') as ModdleElement[]) visit(root);
  const shapes = new Map<string, ModdleElement>();
  for (const diagram of rootElement.get('diagrams') as ModdleElement[]) {
    for (const shape of ((diagram.get('plane') as ModdleElement).get('planeElement') as ModdleElement[]) ?? []) shapes.set((shape.get('bpmnElement') as ModdleElement).id!, shape);
  }
  const ids = (element: string, links: 'incoming' | 'outgoing') => ((elements.get(element)?.get(links) as ModdleElement[]) ?? []).map((flow) => flow.id).sort();
  const ends = (flow: string) => [(elements.get(flow)?.get('sourceRef') as ModdleElement | undefined)?.id, (elements.get(flow)?.get('targetRef') as ModdleElement | undefined)?.id];
  const x = (element: string) => (shapes.get(element)?.get('bounds') as ModdleElement | undefined)?.get('x');
  return { definitions: rootElement, elements, shapes, ids, ends, x };
}

const kindsOf = (merge: TemplateMerge) => Object.fromEntries(merge.conflicts.map((c) => [c.elementId, c.kind]));
const propertiesOf = async (before: string, after: string, id: string) =>
  Object.fromEntries(((await diffModels(before, after)).changed.find((c) => c.id === id)?.changes ?? []).map((c) => [c.property, c.after]));

describe(mergeTemplateUpdate.name, () => {
  describe('the template changed what the district left alone', () => {
    const ours = fixture('merge-ours.bpmn');
    let sut: TemplateMerge;
    let merged: Awaited<ReturnType<typeof readBack>>;
    beforeAll(async () => {
      sut = await mergeTemplateUpdate({ base, theirs, ours });
      merged = await readBack(sut.xml);
    });

    it('takes every template change without a conflict, and says which', () => {
      expect(sut.conflicts).toEqual([]);
      expect(sut.applied.added.sort()).toEqual(['Approve', 'Flow_Approve', 'Flow_WorkPhoto', 'Photo']);
      expect(sut.applied.removed.sort()).toEqual(['Flow_4', 'Notify']);
      expect(sut.applied.changed.sort()).toEqual(['Check', 'Flow_2', 'Flow_3', 'Flow_H2', 'Flow_Major', 'Wait', 'Work']);
    });

    it('adds the template’s new task on a flow, wired in and drawn where the template draws it', () => {
      expect(merged.ends('Flow_2')).toEqual(['Check', 'Approve']);
      expect(merged.ends('Flow_Approve')).toEqual(['Approve', 'Decide']);
      expect(merged.ids('Approve', 'incoming')).toEqual(['Flow_2']);
      expect(merged.ids('Decide', 'incoming')).toEqual(['Flow_Approve']);
      expect(merged.x('Approve')).toBe(240);
      expect(merged.shapes.has('Flow_Approve')).toBe(true);
    });

    it('adds a task inside a subprocess, in that subprocess', () => {
      expect((merged.elements.get('Photo')?.$parent as ModdleElement).id).toBe('Handling');
      expect(merged.ends('Flow_WorkPhoto')).toEqual(['Work', 'Photo']);
      expect(merged.ends('Flow_H2')).toEqual(['Photo', 'HandlingEnd']);
      expect(merged.shapes.has('Photo')).toBe(true);
    });

    it('removes the task the template removed, with its flow, its shapes and every link to it', () => {
      expect(merged.elements.has('Notify')).toBe(false);
      expect(merged.elements.has('Flow_4')).toBe(false);
      expect(merged.shapes.has('Notify')).toBe(false);
      expect(merged.shapes.has('Flow_4')).toBe(false);
      expect(merged.ends('Flow_3')).toEqual(['Wait', 'Handling']);
      expect(merged.ids('Handling', 'incoming')).toEqual(['Flow_3', 'Flow_Routine']);
      expect(merged.ids('Wait', 'outgoing')).toEqual(['Flow_3']);
    });

    it('takes changed candidate groups, timers, conditions and input mappings', async () => {
      expect(await propertiesOf(ours, sut.xml, 'Check')).toEqual({ 'camunda:candidateGroups': 'squad-leader' });
      expect(await propertiesOf(ours, sut.xml, 'Wait')).toEqual({ timer: 'timeDuration: PT30M' });
      expect(await propertiesOf(ours, sut.xml, 'Flow_Major')).toEqual({ condition: "${level == 'major' || urgent}" });
      expect(await propertiesOf(ours, sut.xml, 'Work')).toMatchObject({ 'input:dueDays': '5' });
    });

    it('keeps the district’s own step, names and document declarations', () => {
      expect(merged.ends('Flow_1')).toEqual(['Start', 'LocalReview']);
      expect(merged.ends('Flow_LocalReview')).toEqual(['LocalReview', 'Check']);
      expect(merged.ids('Check', 'incoming')).toEqual(['Flow_LocalReview']);
      expect(merged.elements.get('End')?.get('name')).toBe('办结归档');
      expect(merged.elements.get('merge-probe')?.get('name')).toBe('合并样例（本区）');
      expect(merged.definitions.id).toBe('Defs_District');
      expect(merged.definitions.get('exporter')).toBe('xietong-district');
      expect(merged.x('LocalReview')).toBe(120);
    });

    it('moves a shape the template moved and the district did not', () => {
      expect(merged.x('End')).toBe(1302);
      expect(merged.x('HandlingEnd')).toBe(1162);
    });

    it('differs from the new template exactly by the district’s changes', async () => {
      const diff = await diffModels(theirs, sut.xml);
      expect(diff.added.map((e) => e.id).sort()).toEqual(['Flow_LocalReview', 'LocalReview']);
      expect(diff.removed).toEqual([]);
      expect(diff.changed.map((e) => e.id).sort()).toEqual(['Check', 'End', 'Flow_1', 'merge-probe']);
      expect(Object.keys(await propertiesOf(theirs, sut.xml, 'Check'))).toEqual(['incoming']);
    });
  });

  describe('the district changed what the template changed too', () => {
    const ours = fixture('merge-ours-conflicting.bpmn');
    let sut: TemplateMerge;
    let merged: Awaited<ReturnType<typeof readBack>>;
    beforeAll(async () => {
      sut = await mergeTemplateUpdate({ base, theirs, ours });
      merged = await readBack(sut.xml);
    });

    it('reports each conflict by element and kind, in Chinese and English', () => {
      expect(kindsOf(sut)).toEqual({
        Check: 'both-changed',
        Notify: 'removed-but-changed',
        Work: 'changed-but-removed',
        Flow_H2: 'changed-but-removed',
        Flow_WorkPhoto: 'missing-reference',
      });
      for (const conflict of sut.conflicts) {
        expect(conflict.zh).toContain(conflict.elementId);
        expect(conflict.en).toContain(conflict.elementId);
      }
    });

    it('keeps the district’s version where both changed the same element', () => {
      expect(merged.elements.get('Check')?.get('candidateGroups')).toBe('command-center');
    });

    it('keeps a task the template removed but the district changed, still wired as the district had it', () => {
      expect(merged.elements.has('Notify')).toBe(true);
      expect(merged.ends('Flow_3')).toEqual(['Wait', 'Notify']);
      expect(merged.ends('Flow_4')).toEqual(['Notify', 'Handling']);
      expect(merged.x('Notify')).toBe(600);
    });

    it('does not bring back what the district removed, nor add a template flow that starts there', () => {
      expect(merged.elements.has('Work')).toBe(false);
      expect(merged.elements.has('Flow_H2')).toBe(false);
      expect(merged.elements.has('Flow_WorkPhoto')).toBe(false);
      expect(merged.ends('Flow_H1')).toEqual(['HandlingStart', 'HandlingEnd']);
    });

    it('still takes the template’s changes that conflict with nothing', () => {
      expect(merged.ends('Flow_Approve')).toEqual(['Approve', 'Decide']);
      expect(sut.applied.changed).toEqual(expect.arrayContaining(['Wait', 'Flow_Major', 'Flow_2']));
    });
  });

  describe('edge cases', () => {
    it('a district that changed nothing gets the new template', async () => {
      const sut = await mergeTemplateUpdate({ base, theirs, ours: base });
      expect(sut.conflicts).toEqual([]);
      expect(await diffModels(theirs, sut.xml)).toEqual({ added: [], removed: [], changed: [] });
    });

    it('a template that changed nothing leaves the district’s file exactly as it is', async () => {
      const ours = fixture('merge-ours.bpmn');
      const sut = await mergeTemplateUpdate({ base, theirs: base, ours });
      expect(sut).toEqual({ xml: ours, applied: { added: [], removed: [], changed: [] }, conflicts: [] });
    });

    it('an id both added, differently, is a conflict and the district’s element stays', async () => {
      const ours = theirs.replace('name="审批"', 'name="本区审批"');
      const sut = await mergeTemplateUpdate({ base, theirs, ours });
      expect(kindsOf(sut)).toEqual({ Approve: 'both-added' });
      expect((await readBack(sut.xml)).elements.get('Approve')?.get('name')).toBe('本区审批');
    });

    it('a task the template removed stays while a flow of the district still leads from it', async () => {
      const ours = base.replace('<bpmn:sequenceFlow id="Flow_5"', '<bpmn:sequenceFlow id="Flow_Extra" sourceRef="Notify" targetRef="End" />\n    <bpmn:sequenceFlow id="Flow_5"');
      const sut = await mergeTemplateUpdate({ base, theirs, ours });
      expect(kindsOf(sut)).toEqual({ Notify: 'still-used' });
      const merged = await readBack(sut.xml);
      expect(merged.ids('Notify', 'outgoing')).toEqual(['Flow_4', 'Flow_Extra']);
    });

    it('a flow node the template put into a lane joins that lane in the district’s model', async () => {
      const lanes = (xml: string, check: string[]) =>
        xml.replace(
          '<bpmn:startEvent id="Start"',
          `<bpmn:laneSet id="LaneSet_1"><bpmn:lane id="Lane_Officers" name="执法队员">${['Start', ...check].map((id) => `<bpmn:flowNodeRef>${id}</bpmn:flowNodeRef>`).join('')}</bpmn:lane></bpmn:laneSet>\n    <bpmn:startEvent id="Start"`,
        );
      const sut = await mergeTemplateUpdate({ base: lanes(base, ['Check']), theirs: lanes(theirs, ['Check', 'Approve']), ours: lanes(fixture('merge-ours.bpmn'), ['Check', 'LocalReview']) });
      const { definitions } = await readBack(sut.xml);
      const process = (definitions.get('rootElements') as ModdleElement[]).find((e) => e.id === 'merge-probe')!;
      const lane = ((process.get('laneSets') as ModdleElement[])[0].get('lanes') as ModdleElement[])[0];
      expect((lane.get('flowNodeRef') as ModdleElement[]).map((n) => n.id).sort()).toEqual(['Approve', 'Check', 'LocalReview', 'Start']);
    });

    it('refuses a document that is not BPMN', async () => {
      await expect(mergeTemplateUpdate({ base, theirs, ours: '<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" />' })).rejects.toThrow();
    });
  });

  describe('jiashan’s intake-dispatch and a new provincial template', () => {
    const template = readFileSync(join(repoRoot, 'bpmn', 'templates', 'intake-dispatch.bpmn'), 'utf8');
    const jiashan = readFileSync(join(repoRoot, 'bpmn', 'districts', 'jiashan', 'intake-dispatch.bpmn'), 'utf8');
    /** The province adds 反馈确认 between 反馈 and 告知反映人, and renames 查重. */
    const nextTemplate = edit(template, [
      ['<bpmn:serviceTask id="Dedupe" name="查重"', '<bpmn:serviceTask id="Dedupe" name="线索查重"'],
      ['<bpmn:outgoing>Flow_Feedback_NotifyReporter</bpmn:outgoing></bpmn:serviceTask>', '<bpmn:outgoing>Flow_Feedback_NotifyReporter</bpmn:outgoing></bpmn:serviceTask>\n    <bpmn:userTask id="ConfirmFeedback" name="反馈确认" camunda:candidateGroups="command-center" camunda:formRef="intake-handle" camunda:formRefBinding="deployment"><bpmn:incoming>Flow_Feedback_NotifyReporter</bpmn:incoming><bpmn:outgoing>Flow_ConfirmFeedback_NotifyReporter</bpmn:outgoing></bpmn:userTask>'],
      ['<bpmn:incoming>Flow_Feedback_NotifyReporter</bpmn:incoming><bpmn:outgoing>Flow_NotifyReporter_Closed', '<bpmn:incoming>Flow_ConfirmFeedback_NotifyReporter</bpmn:incoming><bpmn:outgoing>Flow_NotifyReporter_Closed'],
      ['<bpmn:sequenceFlow id="Flow_Feedback_NotifyReporter" sourceRef="Feedback" targetRef="NotifyReporter" />', '<bpmn:sequenceFlow id="Flow_Feedback_NotifyReporter" sourceRef="Feedback" targetRef="ConfirmFeedback" />\n    <bpmn:sequenceFlow id="Flow_ConfirmFeedback_NotifyReporter" sourceRef="ConfirmFeedback" targetRef="NotifyReporter" />'],
      ['<bpmndi:BPMNShape id="NotifyReporter_di"', '<bpmndi:BPMNShape id="ConfirmFeedback_di" bpmnElement="ConfirmFeedback"><dc:Bounds x="4682" y="220" width="100" height="80" /></bpmndi:BPMNShape>\n      <bpmndi:BPMNShape id="NotifyReporter_di"'],
      ['<bpmndi:BPMNEdge id="Flow_Feedback_NotifyReporter_di"', '<bpmndi:BPMNEdge id="Flow_ConfirmFeedback_NotifyReporter_di" bpmnElement="Flow_ConfirmFeedback_NotifyReporter"><di:waypoint x="4732" y="220" /><di:waypoint x="4732" y="180" /></bpmndi:BPMNEdge>\n      <bpmndi:BPMNEdge id="Flow_Feedback_NotifyReporter_di"'],
    ]);
    let sut: TemplateMerge;
    beforeAll(async () => (sut = await mergeTemplateUpdate({ base: template, theirs: nextTemplate, ours: jiashan })));

    it('has jiashan’s own steps and the template’s new step, without a conflict', async () => {
      expect(sut.conflicts).toEqual([]);
      const merged = await readBack(sut.xml);
      for (const id of ['GwSupervised', 'SupervisionFollowUp', 'GwFollowedUp', 'Flow_Handling_GwSupervised', 'ConfirmFeedback']) expect(merged.elements.has(id)).toBe(true);
      expect(merged.elements.has('Flow_Handling_GwResolved')).toBe(false);
      expect(merged.ends('Flow_Feedback_NotifyReporter')).toEqual(['Feedback', 'ConfirmFeedback']);
      expect(merged.ends('Flow_ConfirmFeedback_NotifyReporter')).toEqual(['ConfirmFeedback', 'NotifyReporter']);
      expect(merged.elements.get('Dedupe')?.get('name')).toBe('线索查重');
      expect(merged.elements.get('intake-dispatch')?.get('name')).toBe('线索受理与派单处置（嘉善：直办/交办/督办）');
    });

    it('passes the deployment guard', async () => {
      expect(await new ModelGuard().check({ name: 'intake-dispatch.bpmn', content: sut.xml })).toEqual([]);
    });
  });
});

function edit(xml: string, replacements: Array<[string, string]>): string {
  return replacements.reduce((text, [from, to]) => {
    if (!text.includes(from)) throw new Error(`the template no longer contains ${from}`);
    return text.replace(from, to);
  }, xml);
}
