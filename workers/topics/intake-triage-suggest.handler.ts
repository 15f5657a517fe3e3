import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../../src/config/config.module';
import type { AppConfig } from '../../src/config/config.schema';
import { ServiceTokenProvider } from '../../src/engine-client/service-token';
import type { HandlingMode, TriageLevel } from '../../src/intakes/intake.entity';
import type { HandlerContext, TopicHandler } from '../run-topic';

/** The business rule task that evaluates triage.dmn right before this step. */
export const TRIAGE_RULES_ACTIVITY = 'TriageRules';

const modeOfDecision: Record<string, HandlingMode> = { direct: 'direct', assigned: 'assign', supervised: 'supervise' };
const modeLabel: Record<HandlingMode, string> = { direct: '直办', assign: '交办', supervise: '督办' };
const levelLabel: Record<TriageLevel, string> = { routine: '常规', major: '重大' };
const SENSOR_SOURCES = ['ai-alert', 'iot-sensor'];

/**
 * 研判建议: the decision's outputs, read from the engine's decision history (the engine keeps the business rule
 * task's result map in a Java-serialised variable nothing else can read, and a model may not unpack a map), become
 * the prefilled fields of the command centre's triage form.
 */
@Injectable()
export class IntakeTriageSuggestHandler implements TopicHandler {
  readonly topic = 'intake.triage-suggest' as const;
  private readonly tokens: ServiceTokenProvider;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.tokens = ServiceTokenProvider.forRealm(config.keycloak.url, config.keycloak.realm, config.worker.serviceClient);
  }

  async handle({ task, variables }: HandlerContext) {
    const outputs = await this.decisionOutputs(task.processInstanceId);
    const triageLevel = (outputs.triageLevel === 'major' ? 'major' : 'routine') as TriageLevel;
    const handlingMode = modeOfDecision[String(outputs.dispatchMode)] ?? 'assign';
    const handlingDays = Number.isInteger(outputs.handlingDays) ? (outputs.handlingDays as number) : 5;
    // Same-day matters from sensors or with a public-safety risk get the 1315 clocks.
    const urgent = handlingDays <= 1 && (handlingMode === 'supervise' || SENSOR_SOURCES.includes(String(variables.source)));
    const triageSuggestion = `建议：${levelLabel[triageLevel]}事项，${modeLabel[handlingMode]}，${handlingDays}天内办结${urgent ? '，按1315快速响应' : ''}`;
    return { triageLevel, handlingMode, handlingDays, urgent, triageSuggestion };
  }

  /** The outputs of the latest triage evaluation of this process instance. */
  private async decisionOutputs(processInstanceId: string): Promise<Record<string, unknown>> {
    const query = new URLSearchParams({
      processInstanceId,
      activityIdIn: TRIAGE_RULES_ACTIVITY,
      includeOutputs: 'true',
      sortBy: 'evaluationTime',
      sortOrder: 'desc',
      maxResults: '1',
    });
    const response = await fetch(`${this.config.engine.url}/history/decision-instance?${query}`, {
      headers: { authorization: `Bearer ${await this.tokens.token()}`, accept: 'application/json' },
      signal: AbortSignal.timeout(15_000),
    });
    if (!response.ok) throw new Error(`engine ${response.status} reading the triage decision of ${processInstanceId}`);
    const [instance] = (await response.json()) as Array<{ outputs?: Array<{ variableName: string; value: unknown }> }>;
    if (!instance) throw new Error(`no triage decision was evaluated in ${processInstanceId} (step ${TRIAGE_RULES_ACTIVITY})`);
    return Object.fromEntries((instance.outputs ?? []).map((o) => [o.variableName, o.value]));
  }
}
