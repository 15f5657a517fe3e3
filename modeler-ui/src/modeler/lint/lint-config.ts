// bpmnlint's recommended rules, imported one by one so the bundle needs no file-system resolver.
import adHocSubProcess from 'bpmnlint/rules/ad-hoc-sub-process';
import conditionalFlows from 'bpmnlint/rules/conditional-flows';
import endEventRequired from 'bpmnlint/rules/end-event-required';
import eventBasedGateway from 'bpmnlint/rules/event-based-gateway';
import eventSubProcessTypedStartEvent from 'bpmnlint/rules/event-sub-process-typed-start-event';
import fakeJoin from 'bpmnlint/rules/fake-join';
import global from 'bpmnlint/rules/global';
import labelRequired from 'bpmnlint/rules/label-required';
import linkEvent from 'bpmnlint/rules/link-event';
import noComplexGateway from 'bpmnlint/rules/no-complex-gateway';
import noDisconnected from 'bpmnlint/rules/no-disconnected';
import noDuplicateSequenceFlows from 'bpmnlint/rules/no-duplicate-sequence-flows';
import noGatewayJoinFork from 'bpmnlint/rules/no-gateway-join-fork';
import noImplicitEnd from 'bpmnlint/rules/no-implicit-end';
import noImplicitSplit from 'bpmnlint/rules/no-implicit-split';
import noImplicitStart from 'bpmnlint/rules/no-implicit-start';
import noInclusiveGateway from 'bpmnlint/rules/no-inclusive-gateway';
import noOverlappingElements from 'bpmnlint/rules/no-overlapping-elements';
import singleBlankStartEvent from 'bpmnlint/rules/single-blank-start-event';
import singleEventDefinition from 'bpmnlint/rules/single-event-definition';
import startEventRequired from 'bpmnlint/rules/start-event-required';
import subProcessBlankStartEvent from 'bpmnlint/rules/sub-process-blank-start-event';
import superfluousGateway from 'bpmnlint/rules/superfluous-gateway';
import superfluousTermination from 'bpmnlint/rules/superfluous-termination';
import { xietongRules, type XietongLintCatalog } from './xietong-rules';

type Level = 'error' | 'warn' | 'off';

const recommended: Record<string, [unknown, Level]> = {
  'ad-hoc-sub-process': [adHocSubProcess, 'error'],
  'conditional-flows': [conditionalFlows, 'error'],
  'end-event-required': [endEventRequired, 'error'],
  'event-based-gateway': [eventBasedGateway, 'error'],
  'event-sub-process-typed-start-event': [eventSubProcessTypedStartEvent, 'error'],
  'fake-join': [fakeJoin, 'warn'],
  global: [global, 'warn'],
  'label-required': [labelRequired, 'error'],
  'link-event': [linkEvent, 'error'],
  'no-complex-gateway': [noComplexGateway, 'error'],
  'no-disconnected': [noDisconnected, 'error'],
  'no-duplicate-sequence-flows': [noDuplicateSequenceFlows, 'error'],
  'no-gateway-join-fork': [noGatewayJoinFork, 'error'],
  'no-implicit-split': [noImplicitSplit, 'error'],
  'no-implicit-end': [noImplicitEnd, 'error'],
  'no-implicit-start': [noImplicitStart, 'error'],
  'no-inclusive-gateway': [noInclusiveGateway, 'warn'],
  'no-overlapping-elements': [noOverlappingElements, 'warn'],
  'single-blank-start-event': [singleBlankStartEvent, 'error'],
  'single-event-definition': [singleEventDefinition, 'error'],
  'start-event-required': [startEventRequired, 'error'],
  'sub-process-blank-start-event': [subProcessBlankStartEvent, 'error'],
  'superfluous-gateway': [superfluousGateway, 'warn'],
  'superfluous-termination': [superfluousTermination, 'warn'],
};
// Not carried over: no-bpmndi (the guard has it off too) and superfluous-label (noise while drawing).

/**
 * The packed form bpmn-js-bpmnlint expects: a flat rule config plus a resolver that hands out the imported
 * rule factories. Our rules live in the `bpmnlint-plugin-xietong` package name, written `xietong/<rule>`.
 */
export function lintConfig(catalog: XietongLintCatalog) {
  const rules: Record<string, Level | [Level, XietongLintCatalog]> = {};
  for (const [name, [, level]] of Object.entries(recommended)) rules[name] = level;
  for (const name of Object.keys(xietongRules)) rules[`xietong/${name}`] = ['error', catalog];
  return {
    config: { rules },
    resolver: {
      resolveRule(pkg: string, ruleName: string) {
        if (pkg === 'bpmnlint' && recommended[ruleName]) return recommended[ruleName][0];
        if (pkg === 'bpmnlint-plugin-xietong' && xietongRules[ruleName]) return xietongRules[ruleName];
        throw new Error(`unknown lint rule ${pkg}/${ruleName}`);
      },
      resolveConfig(pkg: string, name: string) {
        throw new Error(`unknown lint config ${pkg}/${name}`);
      },
    },
  };
}
