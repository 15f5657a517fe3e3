package org.xietong.engine.hardening;

import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.BpmnParseException;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParser;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Second line behind the API's model guard: refuses, at deployment, every BPMN construct that would run
 * code inside the engine. All work is done by external-task workers, so none of these is ever needed.
 * Throwing {@link BpmnParseException} makes the deployment fail with a parse error naming the element.
 */
final class DeploymentGuardParseListener extends AbstractBpmnParseListener {

  private static final String BPMN_NS = BpmnParser.BPMN20_NS;
  // Camunda still honours the legacy Activiti namespace, so both count.
  private static final List<String> CAMUNDA_NS =
      List.of(BpmnParser.CAMUNDA_BPMN_EXTENSIONS_NS, BpmnParser.ACTIVITI_BPMN_EXTENSIONS_NS);

  /** Camunda attributes that name a Java class or an expression to invoke as code. */
  private static final List<String> CODE_ATTRIBUTES = List.of(
      "class", "delegateExpression", "expression",
      "variableMappingClass", "variableMappingDelegateExpression", "formHandlerClass", "resource");

  private static final Set<String> LISTENERS = Set.of("executionListener", "taskListener");

  @Override
  public void parseRootElement(Element definitions, List<ProcessDefinitionEntity> processDefinitions) {
    inspect(definitions, null);
  }

  private void inspect(Element element, Element nearestWithId) {
    Element owner = element.attribute("id") != null ? element : nearestWithId;
    String refusal = refusalOf(element);
    if (refusal != null) {
      String id = owner == null ? "definitions" : owner.attribute("id");
      throw new BpmnParseException(refusal + " (element '" + id + "')", owner == null ? element : owner);
    }
    for (Element child : element.elements()) {
      inspect(child, owner);
    }
  }

  private static String refusalOf(Element element) {
    String namespace = element.getUri();
    String tag = element.getTagName();
    if (BPMN_NS.equals(namespace) && "scriptTask".equals(tag)) {
      return "script tasks are not accepted by this engine";
    }
    if (CAMUNDA_NS.contains(namespace)) {
      if ("script".equals(tag)) {
        return "camunda:script is not accepted by this engine";
      }
      if ("connector".equals(tag)) {
        return "camunda:connector is not accepted by this engine";
      }
      if (LISTENERS.contains(tag)) {
        // Every listener form (class, delegateExpression, expression, script) runs code in the engine.
        return "camunda:" + tag + " is not accepted by this engine";
      }
      if ("constraint".equals(tag) && "validator".equals(element.attribute("name"))) {
        return "custom form field validators are not accepted by this engine";
      }
    }
    for (String camundaNamespace : CAMUNDA_NS) {
      for (String attribute : CODE_ATTRIBUTES) {
        if (element.attribute(camundaNamespace + ":" + attribute) != null) {
          return "camunda:" + attribute + " is not accepted by this engine";
        }
      }
    }
    if (BPMN_NS.equals(namespace) && !"definitions".equals(tag) && element.attribute("language") != null) {
      return "script conditions (language=\"" + element.attribute("language") + "\") are not accepted by this engine";
    }
    return null;
  }
}
