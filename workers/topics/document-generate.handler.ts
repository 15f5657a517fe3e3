import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { DistrictsService } from '../../src/districts/districts.service';
import { PenaltyCase } from '../../src/penalty-cases/penalty-case.entity';
import { PenaltyDocument, documentKinds, type DocumentKind } from '../../src/penalty-cases/penalty-document.entity';
import { documentTitles, renderPenaltyDocument } from '../../src/penalty-cases/penalty-document.pdf';
import { PenaltyReview } from '../../src/penalty-cases/penalty-review.entity';
import type { HandlerContext, TopicHandler } from '../run-topic';
import { lockedRecord } from '../locked-record';

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value.trim() : null);
const amount = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/**
 * 生成文书: the decision (or exemption) document as a PDF, with the facts, the legal basis and the reasoning the
 * discretion and exemption tables chose. Stored with the case in the same transaction; one per case and kind.
 */
@Injectable()
export class DocumentGenerateHandler implements TopicHandler {
  readonly topic = 'document.generate' as const;

  constructor(private readonly districts: DistrictsService) {}

  async handle({ variables, districtId, manager, audit }: HandlerContext) {
    const kind = String(variables.documentKind) as DocumentKind;
    if (!documentKinds.includes(kind)) throw new Error(`unknown document kind ${kind}`);
    const penaltyCase = await lockedRecord(manager, PenaltyCase, variables.penaltyCaseId, districtId, 'penalty case');
    const existing = await manager.findOne(PenaltyDocument, { where: { penaltyCaseId: penaltyCase.id, kind }, select: { id: true } });
    if (existing) return { documentId: existing.id };

    const district = await this.districts.find(districtId);
    const reviewed = (await manager.countBy(PenaltyReview, { penaltyCaseId: penaltyCase.id })) > 0;
    const issuedAt = new Date();
    const decision = {
      procedure: kind === 'exemption' ? null : reviewed ? ('general' as const) : ('simple' as const),
      exempt: kind === 'exemption',
      exemptionType: text(variables.exemptionType),
      exemptionReason: text(variables.exemptionReason),
      penaltyMinYuan: amount(variables.penaltyMinYuan),
      penaltyMaxYuan: amount(variables.penaltyMaxYuan),
      discretionLevel: text(variables.discretionLevel),
      legalBasis: text(variables.legalBasis),
      proposedFineYuan: amount(variables.proposedFineYuan),
      finalFineYuan: kind === 'exemption' ? 0 : amount(variables.finalFineYuan),
      decisionReasoning: text(variables.decisionReasoning),
    };
    const pdf = await renderPenaltyDocument({
      kind,
      districtName: district ? `${district.name}综合行政执法局` : districtId,
      caseNumber: penaltyCase.caseNumber ?? penaltyCase.id,
      partyName: penaltyCase.partyName,
      partyType: penaltyCase.partyType,
      violationCode: penaltyCase.violationCode,
      facts: penaltyCase.facts,
      legalBasis: decision.legalBasis,
      discretionLevel: decision.discretionLevel,
      penaltyMinYuan: decision.penaltyMinYuan,
      penaltyMaxYuan: decision.penaltyMaxYuan,
      exemptionType: decision.exemptionType,
      exemptionReason: decision.exemptionReason,
      fineYuan: decision.finalFineYuan,
      reasoning: decision.decisionReasoning,
      procedure: decision.procedure,
      issuedAt,
    });
    const document = manager.create(PenaltyDocument, {
      id: randomUUID(),
      penaltyCaseId: penaltyCase.id,
      districtId,
      kind,
      fileName: `${documentTitles[kind]}-${penaltyCase.caseNumber ?? penaltyCase.id}.pdf`,
      contentType: 'application/pdf',
      content: pdf,
      size: pdf.length,
      sha256: createHash('sha256').update(pdf).digest('hex'),
      createdAt: issuedAt,
    });
    await manager.insert(PenaltyDocument, document);
    const changes: Partial<PenaltyCase> =
      kind === 'exemption'
        ? { exempt: true }
        : {
            status: 'decided',
            exempt: false,
            procedure: decision.procedure,
            decidedAt: issuedAt,
            finalFineYuan: decision.finalFineYuan,
            proposedFineYuan: decision.proposedFineYuan,
            decisionReasoning: decision.decisionReasoning,
            exemptionType: decision.exemptionType,
            exemptionReason: decision.exemptionReason,
            penaltyMinYuan: decision.penaltyMinYuan,
            penaltyMaxYuan: decision.penaltyMaxYuan,
            discretionLevel: decision.discretionLevel,
            legalBasis: decision.legalBasis,
          };
    await manager.update(PenaltyCase, { id: penaltyCase.id }, changes);
    await audit({
      action: 'penalty-case.document',
      subjectType: 'penalty-case',
      subjectId: penaltyCase.businessKey,
      before: null,
      after: { documentId: document.id, kind, fileName: document.fileName, sha256: document.sha256, size: document.size },
    });
    return { documentId: document.id };
  }
}
