import { randomUUID } from 'node:crypto';
import type { EngineClient } from '../../src/engine-client/engine-client';
import { toEngineVariables } from '../../src/engine-client/engine-variables';
import { as, eventually } from '../support/api';
import { apiEngineClient } from '../support/backend';

/** A flow without an intake row, as case review, credit repair and joint inspection are: its task list rows come from process variables. */
const flowWithoutIntake = (key: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs" targetNamespace="http://xietong.test">
  <bpmn:process id="${key}" name="标题测试" isExecutable="true" camunda:historyTimeToLive="P1D">
    <bpmn:startEvent id="Start"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="Review" name="审核" camunda:candidateGroups="legal-reviewer"><bpmn:incoming>F1</bpmn:incoming><bpmn:outgoing>F2</bpmn:outgoing></bpmn:userTask>
    <bpmn:endEvent id="End"><bpmn:incoming>F2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Review"/>
    <bpmn:sequenceFlow id="F2" sourceRef="Review" targetRef="End"/>
  </bpmn:process>
</bpmn:definitions>`;

describe('the task list for flows without an intake row', () => {
  let engine: EngineClient;
  let deploymentId: string;
  let definitionId: string;
  const key = `test-labels-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    engine = apiEngineClient();
    const deployment = await engine.deploy(key, [{ name: `${key}.bpmn`, content: flowWithoutIntake(key) }], { tenantId: 'wucheng', source: 'test', skipIfUnchanged: false });
    deploymentId = deployment.id;
    definitionId = Object.values(deployment.deployedProcessDefinitions ?? {})[0].id;
  });
  afterAll(() => engine.deleteDeployment(deploymentId));

  it('shows the title and case number variables in the list and the detail, to the district that owns the task only', async () => {
    const instances = await Promise.all(
      [1, 2, 3].map((n) =>
        engine.startProcess(definitionId, randomUUID(), toEngineVariables({ districtId: 'wucheng', title: `立案审核：无证经营第${n}户`, caseNumber: `WC-CF-2026-90${n}` })),
      ),
    );
    const mine = await eventually(async () => {
      const { body } = await as('wucheng.legal-reviewer').get<Array<{ id: string; title: string | null; caseNumber: string | null; processDefinitionKey: string }>>('/tasks');
      const rows = body.filter((t) => t.processDefinitionKey === key);
      return rows.length === 3 && rows;
    }, 'three tasks of the test flow');
    expect(mine.map((t) => [t.title, t.caseNumber]).sort()).toEqual([
      ['立案审核：无证经营第1户', 'WC-CF-2026-901'],
      ['立案审核：无证经营第2户', 'WC-CF-2026-902'],
      ['立案审核：无证经营第3户', 'WC-CF-2026-903'],
    ]);

    const detail = await as('wucheng.legal-reviewer').get(`/tasks/${mine[0].id}`);
    expect(detail.status).toBe(200);
    expect([detail.body.title, detail.body.caseNumber]).toEqual([mine[0].title, mine[0].caseNumber]);

    const jiashan = await as('jiashan.legal-reviewer').get<Array<{ processDefinitionKey: string }>>('/tasks');
    expect(jiashan.body.filter((t) => t.processDefinitionKey === key)).toEqual([]);
    expect((await as('jiashan.legal-reviewer').get(`/tasks/${mine[0].id}`)).status).toBe(404);
    expect(instances).toHaveLength(3);
  });
});
