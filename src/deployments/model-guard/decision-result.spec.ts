import { ModelGuard } from './model-guard';

/** A process around one business rule task; `extension` is its camunda:inputOutput. */
const withRuleTask = (attributes: string, io: string) => ({
  name: 'decision.bpmn',
  content: Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="D" targetNamespace="x">
  <bpmn:process id="decision-read" isExecutable="true" camunda:historyTimeToLive="P1D">
    <bpmn:startEvent id="Start"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:businessRuleTask id="Check" name="审查" camunda:decisionRef="exemption" camunda:decisionRefBinding="deployment" ${attributes}>
      <bpmn:extensionElements><camunda:inputOutput>${io}</camunda:inputOutput></bpmn:extensionElements>
      <bpmn:incoming>F1</bpmn:incoming><bpmn:outgoing>F2</bpmn:outgoing>
    </bpmn:businessRuleTask>
    <bpmn:endEvent id="End"><bpmn:incoming>F2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Check" />
    <bpmn:sequenceFlow id="F2" sourceRef="Check" targetRef="End" />
  </bpmn:process>
</bpmn:definitions>`),
});

const unsafe = async (file: { name: string; content: Buffer }) => (await new ModelGuard().check(file)).filter((p) => p.rule === 'unsafe-expression');

describe('the decision-result exception of the expression rule', () => {
  it('lets a business rule task read the outputs of its own local single result into plain variables', async () => {
    const file = withRuleTask(
      'camunda:mapDecisionResult="singleResult" camunda:resultVariable="exemptionResult"',
      '<camunda:inputParameter name="exemptionResult" /><camunda:outputParameter name="exempt">${exemptionResult.exempt}</camunda:outputParameter>',
    );
    expect(await unsafe(file)).toEqual([]);
  });

  it('still refuses property access when the result is not kept local, so a process variable could be any object', async () => {
    const file = withRuleTask(
      'camunda:mapDecisionResult="singleResult" camunda:resultVariable="exemptionResult"',
      '<camunda:outputParameter name="exempt">${exemptionResult.exempt}</camunda:outputParameter>',
    );
    expect((await unsafe(file)).map((p) => p.elementId)).toEqual(['Check']);
  });

  it('still refuses a method call or a chain on the result, and any other variable', async () => {
    const file = withRuleTask(
      'camunda:mapDecisionResult="singleResult" camunda:resultVariable="exemptionResult"',
      `<camunda:inputParameter name="exemptionResult" />
       <camunda:outputParameter name="a">\${exemptionResult.getClass()}</camunda:outputParameter>
       <camunda:outputParameter name="b">\${exemptionResult.exempt.class}</camunda:outputParameter>
       <camunda:outputParameter name="c">\${other.exempt}</camunda:outputParameter>`,
    );
    expect(await unsafe(file)).toHaveLength(3);
  });
});
