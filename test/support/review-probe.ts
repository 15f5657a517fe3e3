import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tokenFor, urls, type ApiResponse } from './api';

/** A small process of user tasks only (no workers involved) that the drafts specs customise, review and migrate. */
export const PROBE_KEY = 'review-probe';
export const probeTemplate = readFileSync(join(__dirname, '..', 'fixtures', 'review-probe.bpmn'), 'utf8');

/** The template with a 复核 (Review) task between 核查 and 结案. */
export function withReviewTask(xml: string): string {
  const task = `<bpmn:userTask id="Review" name="复核" camunda:candidateGroups="squad-leader" camunda:formRef="intake-handle" camunda:formRefBinding="deployment">
      <bpmn:incoming>Flow_ToReview</bpmn:incoming>
      <bpmn:outgoing>Flow_ToClose</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="Flow_ToReview" sourceRef="Check" targetRef="Review" />
    `;
  return xml
    .replace('<bpmn:outgoing>Flow_ToClose</bpmn:outgoing>\n    </bpmn:userTask>\n    <bpmn:userTask id="Close"', '<bpmn:outgoing>Flow_ToReview</bpmn:outgoing>\n    </bpmn:userTask>\n    <bpmn:userTask id="Close"')
    .replace('<bpmn:sequenceFlow id="Flow_ToClose" sourceRef="Check" targetRef="Close" />', `${task}<bpmn:sequenceFlow id="Flow_ToClose" sourceRef="Review" targetRef="Close" />`)
    .replace(
      '<bpmndi:BPMNShape id="Close_di"',
      '<bpmndi:BPMNShape id="Review_di" bpmnElement="Review"><dc:Bounds x="390" y="120" width="100" height="80" /></bpmndi:BPMNShape>\n      <bpmndi:BPMNShape id="Close_di"',
    )
    .replace(
      '<di:waypoint x="340" y="160" /><di:waypoint x="540" y="160" />',
      '<di:waypoint x="490" y="160" /><di:waypoint x="540" y="160" />',
    )
    .replace(
      '<bpmndi:BPMNEdge id="Flow_ToClose_di"',
      '<bpmndi:BPMNEdge id="Flow_ToReview_di" bpmnElement="Flow_ToReview"><di:waypoint x="340" y="160" /><di:waypoint x="390" y="160" /></bpmndi:BPMNEdge>\n      <bpmndi:BPMNEdge id="Flow_ToClose_di"',
    );
}

/** The province's next template: 结案 renamed, 核查 renamed, and a new 归档 (Archive) step between 结案 and 办结. */
export const nextTemplate = (xml: string) =>
  xml
    .replace('name="结案"', 'name="结案归档"')
    .replace('name="核查"', 'name="核查登记"')
    .replace(
      '<bpmn:endEvent id="End" name="办结">\n      <bpmn:incoming>Flow_ToEnd</bpmn:incoming>',
      `<bpmn:userTask id="Archive" name="归档" camunda:candidateGroups="squad-leader" camunda:formRef="intake-handle" camunda:formRefBinding="deployment">
      <bpmn:incoming>Flow_ToEnd</bpmn:incoming>
      <bpmn:outgoing>Flow_ArchiveToEnd</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="End" name="办结">
      <bpmn:incoming>Flow_ArchiveToEnd</bpmn:incoming>`,
    )
    .replace('<bpmn:sequenceFlow id="Flow_ToEnd" sourceRef="Close" targetRef="End" />', '<bpmn:sequenceFlow id="Flow_ToEnd" sourceRef="Close" targetRef="Archive" />\n    <bpmn:sequenceFlow id="Flow_ArchiveToEnd" sourceRef="Archive" targetRef="End" />')
    .replace('<bpmndi:BPMNShape id="End_di"', '<bpmndi:BPMNShape id="Archive_di" bpmnElement="Archive"><dc:Bounds x="690" y="120" width="100" height="80" /></bpmndi:BPMNShape>\n      <bpmndi:BPMNShape id="End_di"')
    .replace('<di:waypoint x="640" y="160" /><di:waypoint x="842" y="160" />', '<di:waypoint x="640" y="160" /><di:waypoint x="690" y="160" />')
    .replace('</bpmndi:BPMNPlane>', '  <bpmndi:BPMNEdge id="Flow_ArchiveToEnd_di" bpmnElement="Flow_ArchiveToEnd"><di:waypoint x="790" y="160" /><di:waypoint x="842" y="160" /></bpmndi:BPMNEdge>\n    </bpmndi:BPMNPlane>');

/** POST a multipart upload of BPMN files (to /deployments or /templates) as one user. */
export async function uploadModels(path: '/deployments' | '/templates', username: string, files: Array<{ name: string; content: string }>, comment: string): Promise<ApiResponse> {
  const form = new FormData();
  form.append('comment', comment);
  for (const file of files) form.append('file', new Blob([file.content]), file.name);
  const response = await fetch(`${urls.app}/api${path}`, { method: 'POST', headers: { authorization: `Bearer ${await tokenFor(username)}` }, body: form });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}
