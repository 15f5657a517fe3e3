/**
 * Every external-task topic xietong runs: its name, what it needs and what it gives back. The workers
 * subscribe from it, the deployment guard uses it as the allowlist, and the modeler's element templates
 * are generated from it.
 */
export type VariableType = 'string' | 'boolean' | 'number' | 'date' | 'json';

export interface VariableSpec {
  type: VariableType;
  label: string;
  required?: boolean;
}

export interface TopicDefinition {
  /** Chinese name, as a designer sees it in the palette. */
  name: string;
  description: string;
  inputs: Record<string, VariableSpec>;
  outputs: Record<string, VariableSpec>;
}

export const topicRegistry = {
  'intake.register': {
    name: '受理登记',
    description: 'Registers an intake: gives it the district’s next gapless case number and marks it registered.',
    inputs: { intakeId: { type: 'string', label: '线索ID', required: true } },
    outputs: { caseNumber: { type: 'string', label: '案件编号' } },
  },
  'intake.feedback': {
    name: '反馈',
    description: 'Records the result fed back to the source of the intake and closes it.',
    inputs: {
      intakeId: { type: 'string', label: '线索ID', required: true },
      handlingResult: { type: 'string', label: '处置情况' },
      resolved: { type: 'boolean', label: '问题已解决' },
    },
    outputs: { closedAt: { type: 'date', label: '办结时间' } },
  },
  'intake.dedupe': {
    name: '查重',
    description: 'Merges the intake into an earlier open one of the same category nearby (within 200 m or at the same address, 24 h); counts earlier complaints about the same place.',
    inputs: { intakeId: { type: 'string', label: '线索ID', required: true } },
    outputs: {
      duplicate: { type: 'boolean', label: '重复线索' },
      duplicateOf: { type: 'string', label: '并入的线索ID' },
      repeatComplaints: { type: 'number', label: '重复投诉次数' },
    },
  },
  'intake.triage-suggest': {
    name: '研判建议',
    description: 'Reads what the triage decision table (the step before it) decided for this intake and offers it to the command centre as the prefilled triage.',
    inputs: {
      intakeId: { type: 'string', label: '线索ID', required: true },
      source: { type: 'string', label: '线索来源', required: true },
    },
    outputs: {
      triageLevel: { type: 'string', label: '事项等级（建议）' },
      handlingMode: { type: 'string', label: '办理方式（建议）' },
      handlingDays: { type: 'number', label: '办理时限天数（建议）' },
      urgent: { type: 'boolean', label: '紧急（1315快速响应）' },
      triageSuggestion: { type: 'string', label: '研判建议' },
    },
  },
  'intake.dispatch': {
    name: '派单',
    description: 'Dispatches the intake to the squad covering its grid (or the squad the command centre chose) with a deadline; starts the 1315 clocks of an urgent intake. NO_SQUAD when no squad covers the grid.',
    inputs: {
      intakeId: { type: 'string', label: '线索ID', required: true },
      triageLevel: { type: 'string', label: '事项等级', required: true },
      handlingMode: { type: 'string', label: '办理方式（direct/assign/supervise）', required: true },
      handlingDays: { type: 'number', label: '办理时限（天）', required: true },
      urgent: { type: 'boolean', label: '紧急（1315快速响应）' },
      squadId: { type: 'string', label: '指定中队' },
    },
    outputs: {
      squadId: { type: 'string', label: '承办中队' },
      squadName: { type: 'string', label: '承办中队名称' },
      gridId: { type: 'string', label: '网格' },
      urgent: { type: 'boolean', label: '紧急（1315快速响应）' },
      dispatchedAt: { type: 'date', label: '派单时间' },
      dueAt: { type: 'date', label: '办理期限' },
      urgeAt: { type: 'date', label: '催办时间' },
      respondDueAt: { type: 'date', label: '响应时限（1分钟）' },
      departDueAt: { type: 'date', label: '出发时限（3分钟）' },
      arriveDueAt: { type: 'date', label: '到场时限（15分钟）' },
    },
  },
  'intake.supervise': {
    name: '超期督办',
    description: 'Raises the intake to supervision (督办): its deadline passed while it was open (recorded as overdue), or, with reason rapid-response, it missed a 1315 clock.',
    inputs: {
      intakeId: { type: 'string', label: '线索ID', required: true },
      reason: { type: 'string', label: '原因（overdue/rapid-response）' },
    },
    outputs: {
      handlingMode: { type: 'string', label: '办理方式' },
      overdueAt: { type: 'date', label: '超期时间' },
    },
  },
  'intake.rapid-clock': {
    name: '1315计时登记',
    description: 'Records that the squad met (met) or missed (missed) one of the 1315 clocks of an urgent intake: respond, depart or arrive.',
    inputs: {
      intakeId: { type: 'string', label: '线索ID', required: true },
      clock: { type: 'string', label: '时限（respond/depart/arrive）', required: true },
      event: { type: 'string', label: '结果（met/missed）', required: true },
    },
    outputs: {},
  },
  'intake.escalate': {
    name: '移交',
    description: 'Hands the intake the squad could not solve to the competent county department for its category, with a deadline.',
    inputs: { intakeId: { type: 'string', label: '线索ID', required: true } },
    outputs: {
      departmentId: { type: 'string', label: '承办部门' },
      departmentName: { type: 'string', label: '承办部门名称' },
      departmentDueAt: { type: 'date', label: '部门办理期限' },
    },
  },
  'intake.escalation-return': {
    name: '部门退回',
    description: 'The department sent the intake back to the squad with its reasons; the escalation is closed as returned.',
    inputs: {
      intakeId: { type: 'string', label: '线索ID', required: true },
      returnReason: { type: 'string', label: '退回理由', required: true },
    },
    outputs: { returnedAt: { type: 'date', label: '退回时间' } },
  },
  notify: {
    name: '发送通知',
    description: 'Queues a notification (an outbox row in the step’s transaction); the workers’ dispatcher delivers it through its channel.',
    inputs: {
      recipient: { type: 'string', label: '接收人', required: true },
      template: { type: 'string', label: '通知模板', required: true },
      subjectId: { type: 'string', label: '事项ID', required: true },
      channel: { type: 'string', label: '渠道（log/webhook）' },
    },
    outputs: { notificationId: { type: 'string', label: '通知ID' } },
  },
  'credit.check-materials': {
    name: '信用修复材料核验',
    description:
      'Numbers the credit-repair application and compares the materials received (at filing, plus each supplied<Code> flag of a resubmission) with the materials its repair type requires; lists every missing one for the one-time notice (一次性告知) and sets the resubmission deadline.',
    inputs: {
      creditRepairId: { type: 'string', label: '信用修复申请ID', required: true },
      resubmitDays: { type: 'number', label: '补正期限（天）' },
    },
    outputs: {
      caseNumber: { type: 'string', label: '案件编号' },
      materialsComplete: { type: 'boolean', label: '材料齐全' },
      missingMaterials: { type: 'string', label: '缺少的材料' },
      missingCount: { type: 'number', label: '缺少材料数' },
      resubmitDueAt: { type: 'date', label: '补正截止时间' },
    },
  },
  'credit.decide': {
    name: '信用修复决定',
    description: 'Records the outcome of a credit-repair application: granted, refused with reasons, or withdrawn (e.g. materials not supplied in time).',
    inputs: {
      creditRepairId: { type: 'string', label: '信用修复申请ID', required: true },
      decision: { type: 'string', label: '决定（granted/refused/withdrawn）', required: true },
      decisionReason: { type: 'string', label: '理由' },
    },
    outputs: { decidedAt: { type: 'date', label: '决定时间' } },
  },
  'credit.publish': {
    name: '信用信息公示更新',
    description: 'Publishes the repaired credit record (信用信息修复公示) and closes the application.',
    inputs: { creditRepairId: { type: 'string', label: '信用修复申请ID', required: true } },
    outputs: { publishedAt: { type: 'date', label: '公示时间' } },
  },
  'inspection.open': {
    name: '开启综合查一次',
    description:
      'Opens a joint inspection: the planned one (inspectionId) or a new one from an intake (intakeId + scenario); numbers it and sets the departments of its scenario checklist.',
    inputs: {
      inspectionId: { type: 'string', label: '检查ID' },
      intakeId: { type: 'string', label: '线索ID' },
      scenario: { type: 'string', label: '检查场景' },
    },
    outputs: {
      inspectionId: { type: 'string', label: '检查ID' },
      caseNumber: { type: 'string', label: '案件编号' },
      departmentCount: { type: 'number', label: '参检部门数' },
      departments: { type: 'string', label: '参检部门' },
      scenarioName: { type: 'string', label: '场景名称' },
      partyName: { type: 'string', label: '检查对象' },
    },
  },
  'inspection.department': {
    name: '分派参检部门',
    description: 'Gives one instance of the multi-department inspection its department (by loopCounter) and that department’s checklist items.',
    inputs: {
      inspectionId: { type: 'string', label: '检查ID', required: true },
      loopCounter: { type: 'number', label: '部门序号', required: true },
    },
    outputs: {
      department: { type: 'string', label: '检查部门' },
      checklist: { type: 'string', label: '检查清单' },
    },
  },
  'inspection.record-findings': {
    name: '登记部门检查结果',
    description: 'Records what one department found on the joint visit, one problem per line of its findings.',
    inputs: {
      inspectionId: { type: 'string', label: '检查ID', required: true },
      department: { type: 'string', label: '检查部门', required: true },
      problemsFound: { type: 'boolean', label: '发现问题' },
      findings: { type: 'string', label: '问题描述' },
    },
    outputs: { reportedCount: { type: 'number', label: '登记问题数' } },
  },
  'inspection.merge-problems': {
    name: '合并问题清单',
    description: 'Merges the departments’ findings into one problem list (duplicates folded) and, when there are problems, sets the rectification deadline.',
    inputs: {
      inspectionId: { type: 'string', label: '检查ID', required: true },
      rectifyDays: { type: 'number', label: '整改期限（天）' },
    },
    outputs: {
      problemCount: { type: 'number', label: '问题数' },
      problemList: { type: 'string', label: '问题清单' },
      rectifyDueAt: { type: 'date', label: '整改期限' },
      rectificationRound: { type: 'number', label: '整改轮次' },
    },
  },
  'inspection.record-reinspection': {
    name: '登记复查结果',
    description:
      'Records a re-inspection: fixed closes the problems; not fixed either gives a further deadline (while rounds remain) or prepares the hand-over to case review.',
    inputs: {
      inspectionId: { type: 'string', label: '检查ID', required: true },
      fixed: { type: 'boolean', label: '整改到位', required: true },
      reinspectionNote: { type: 'string', label: '复查情况' },
      maxRounds: { type: 'number', label: '最多整改轮次' },
      rectifyDays: { type: 'number', label: '再次整改期限（天）' },
    },
    outputs: {
      canRetry: { type: 'boolean', label: '可再次限期整改' },
      rectificationRound: { type: 'number', label: '整改轮次' },
      rectifyDueAt: { type: 'date', label: '整改期限' },
      problemList: { type: 'string', label: '问题清单' },
      facts: { type: 'string', label: '违法事实' },
      violationCode: { type: 'string', label: '违法行为代码' },
    },
  },
  'inspection.close': {
    name: '检查办结',
    description: 'Closes the joint inspection with its outcome: clean (no problems), rectified, or handed over to case review.',
    inputs: {
      inspectionId: { type: 'string', label: '检查ID', required: true },
      outcome: { type: 'string', label: '结果（clean/rectified/handed-over）', required: true },
    },
    outputs: { closedAt: { type: 'date', label: '办结时间' } },
  },
  'case.file': {
    name: '立案登记',
    description:
      'Files a penalty case (立案) with the district’s next gapless 立案 number: the one the API created (penaltyCaseId), or a new one from the calling intake or inspection (sourceType, sourceId, partyName, violationCode, facts).',
    inputs: {
      penaltyCaseId: { type: 'string', label: '处罚案件ID' },
      sourceType: { type: 'string', label: '来源类型（intake/inspection）' },
      sourceId: { type: 'string', label: '来源ID' },
      partyName: { type: 'string', label: '当事人' },
      partyType: { type: 'string', label: '当事人类型（individual/organization）' },
      violationCode: { type: 'string', label: '违法行为代码' },
      facts: { type: 'string', label: '违法事实' },
    },
    outputs: {
      penaltyCaseId: { type: 'string', label: '处罚案件ID' },
      caseNumber: { type: 'string', label: '立案编号' },
      title: { type: 'string', label: '标题' },
      partyName: { type: 'string', label: '当事人' },
      partyType: { type: 'string', label: '当事人类型' },
      violationCode: { type: 'string', label: '违法行为代码' },
      firstViolation: { type: 'boolean', label: '初次违法' },
      harmMinor: { type: 'boolean', label: '危害后果轻微' },
      harmCaused: { type: 'boolean', label: '造成危害后果' },
      correctedPromptly: { type: 'boolean', label: '及时改正' },
      areaSqm: { type: 'number', label: '面积（平方米）' },
    },
  },
  'case.record-exemption': {
    name: '记录不予处罚',
    description: 'Records that the exemption list (首违不罚 / 轻微免罚) applies: the case ends without a penalty, with the type and reason kept.',
    inputs: {
      penaltyCaseId: { type: 'string', label: '处罚案件ID', required: true },
      exemptionType: { type: 'string', label: '适用情形' },
      exemptionReason: { type: 'string', label: '理由' },
    },
    outputs: { exemptedAt: { type: 'date', label: '不予处罚时间' } },
  },
  'case.record-review': {
    name: '记录审核意见',
    description: 'Keeps one reviewer’s decision and comment as a row of the current review round (三级审核); a rejection ends the round.',
    inputs: {
      penaltyCaseId: { type: 'string', label: '处罚案件ID', required: true },
      reviewLevel: { type: 'string', label: '审核层级（unit-head/legal/agency-head/collective）', required: true },
      reviewDecision: { type: 'string', label: '审核结论', required: true },
      reviewComment: { type: 'string', label: '审核意见' },
    },
    outputs: { reviewRound: { type: 'number', label: '审核轮次' } },
  },
  'document.generate': {
    name: '生成文书',
    description: 'Generates the 行政处罚决定书 (documentKind decision) or 不予行政处罚决定书 (exemption) as a PDF with the embedded CJK font and stores it with the case.',
    inputs: {
      penaltyCaseId: { type: 'string', label: '处罚案件ID', required: true },
      documentKind: { type: 'string', label: '文书种类（decision/exemption）', required: true },
    },
    outputs: { documentId: { type: 'string', label: '文书ID' } },
  },
  'case.close': {
    name: '结案归档',
    description: 'Closes the penalty case (结案) and archives it, with the execution outcome (paid / enforced) or the exemption.',
    inputs: {
      penaltyCaseId: { type: 'string', label: '处罚案件ID', required: true },
      executionOutcome: { type: 'string', label: '执行情况' },
    },
    outputs: { closedAt: { type: 'date', label: '结案时间' } },
  },
} as const satisfies Record<string, TopicDefinition>;

export type TopicName = keyof typeof topicRegistry;
export const topicNames = Object.keys(topicRegistry) as TopicName[];
