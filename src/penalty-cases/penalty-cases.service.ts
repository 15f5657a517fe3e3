import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { CurrentUser } from '../auth/current-user';
import { AppError, notFound } from '../errors/app-error';
import { FlowStarter } from '../flows/flow-starter';
import { Intake } from '../intakes/intake.entity';
import { FilePenaltyCase, penaltyCaseTitle } from './penalty-case.dto';
import { PenaltyCase } from './penalty-case.entity';
import { PenaltyDocument } from './penalty-document.entity';
import { PenaltyReview } from './penalty-review.entity';

export const CASE_REVIEW_PROCESS_KEY = 'case-review';

@Injectable()
export class PenaltyCasesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly flows: FlowStarter,
  ) {}

  /** 立案 by an officer, from scratch or from an intake of the same district. */
  async file(user: CurrentUser, input: FilePenaltyCase): Promise<PenaltyCase> {
    if (!user.roles.includes('officer')) throw new AppError('FORBIDDEN');
    if (input.intakeId && !(await this.dataSource.getRepository(Intake).existsBy({ id: input.intakeId, districtId: user.district }))) {
      throw new AppError('VALIDATION_FAILED', [{ field: 'intakeId', zh: '本辖区没有这条线索', en: 'intakeId is not an intake of your district' }]);
    }
    return this.flows.start(user, {
      processKey: CASE_REVIEW_PROCESS_KEY,
      entity: PenaltyCase,
      subjectType: 'penalty-case',
      input,
      fields: {
        caseNumber: null,
        sourceType: input.intakeId ? 'intake' : 'officer',
        sourceId: input.intakeId ?? null,
        title: penaltyCaseTitle(input.party.name, input.violationCode),
        partyName: input.party.name,
        partyType: input.party.type,
        violationCode: input.violationCode,
        facts: input.facts,
        status: 'received',
      },
      variables: (penaltyCase) => ({
        penaltyCaseId: penaltyCase.id,
        partyName: input.party.name,
        partyType: input.party.type,
        violationCode: input.violationCode,
        facts: input.facts,
      }),
    });
  }

  async list(user: CurrentUser, limit = 50) {
    const rows = await this.dataSource.getRepository(PenaltyCase).find({ where: { districtId: user.district }, order: { createdAt: 'DESC' }, take: limit });
    return rows.map((row) => ({
      id: row.id,
      caseNumber: row.caseNumber,
      title: row.title,
      partyName: row.partyName,
      violationCode: row.violationCode,
      status: row.status,
      procedure: row.procedure,
      createdAt: row.createdAt,
      closedAt: row.closedAt,
    }));
  }

  /** The case with every review round, its documents and its whole trail (the API's and the workers' rows). */
  async detail(user: CurrentUser, id: string) {
    const penaltyCase = await this.find(user, id);
    const [reviews, documents] = await Promise.all([
      this.dataSource.getRepository(PenaltyReview).find({ where: { penaltyCaseId: id, districtId: user.district }, order: { round: 'ASC', id: 'ASC' } }),
      this.dataSource.getRepository(PenaltyDocument).find({ where: { penaltyCaseId: id, districtId: user.district }, order: { createdAt: 'ASC' } }),
    ]);
    const subjects = [penaltyCase.businessKey, ...(penaltyCase.processInstanceId ? [penaltyCase.processInstanceId] : [])];
    const trail = (await Promise.all(subjects.map((subject) => this.audit.trail(user.district, subject)))).flat().sort((a, b) => Number(a.id) - Number(b.id));
    return {
      ...penaltyCase,
      reviews: reviews.map(({ round, level, decision, comment, reviewedAt }) => ({ round, level, decision, comment, reviewedAt })),
      documents: documents.map(({ id: docId, kind, fileName, contentType, size, sha256, createdAt }) => ({ id: docId, kind, fileName, contentType, size, sha256, createdAt })),
      audit: trail.map((row) => ({ at: row.at, actor: row.actor, action: row.action, before: row.before, after: row.after })),
    };
  }

  /** The PDF bytes of one of the case's documents. */
  async document(user: CurrentUser, id: string, documentId: string): Promise<PenaltyDocument> {
    await this.find(user, id);
    if (!/^[\w-]{1,64}$/.test(documentId)) throw notFound();
    const document = await this.dataSource
      .getRepository(PenaltyDocument)
      .createQueryBuilder('d')
      .addSelect('d.content')
      .where('d.id = :documentId AND d.penalty_case_id = :id AND d.district_id = :district', { documentId, id, district: user.district })
      .getOne();
    if (!document) throw notFound();
    return document;
  }

  /** A case of another district answers exactly like one that does not exist. */
  private async find(user: CurrentUser, id: string): Promise<PenaltyCase> {
    if (!/^[\w-]{1,64}$/.test(id)) throw notFound();
    const penaltyCase = await this.dataSource.getRepository(PenaltyCase).findOneBy({ id, districtId: user.district });
    if (!penaltyCase) throw notFound();
    return penaltyCase;
  }
}
