import PDFDocument from 'pdfkit';
import { violationName } from './penalty-case.dto';
import type { DocumentKind } from './penalty-document.entity';

/** The full Noto Sans SC TTF; pdfkit embeds only the glyphs a document uses (a subset with a ToUnicode map). */
export const cjkFontPath = require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');

export interface DocumentContent {
  kind: DocumentKind;
  districtName: string;
  caseNumber: string;
  partyName: string;
  partyType: 'individual' | 'organization';
  violationCode: string;
  facts: string;
  legalBasis: string | null;
  discretionLevel: string | null;
  penaltyMinYuan: number | null;
  penaltyMaxYuan: number | null;
  exemptionType: string | null;
  exemptionReason: string | null;
  fineYuan: number | null;
  reasoning: string | null;
  procedure: 'simple' | 'general' | null;
  issuedAt: Date;
}

export const documentTitles: Record<DocumentKind, string> = { decision: '行政处罚决定书', exemption: '不予行政处罚决定书' };

/** Renders 行政处罚决定书 / 不予行政处罚决定书 as a PDF with the embedded CJK font. */
export function renderPenaltyDocument(content: DocumentContent): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: `${documentTitles[content.kind]} ${content.caseNumber}`, Author: content.districtName } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.registerFont('cjk', cjkFontPath);
  doc.font('cjk');
  doc.fontSize(13).text(content.districtName, { align: 'center' });
  doc.fontSize(20).text(documentTitles[content.kind], { align: 'center' });
  doc.fontSize(11).text(`案号：${content.caseNumber}`, { align: 'right' }).moveDown();

  const line = (label: string, value: string) => doc.fontSize(12).text(`${label}：${value}`, { paragraphGap: 6 });
  line('当事人', `${content.partyName}（${content.partyType === 'individual' ? '个人' : '单位'}）`);
  line('违法行为', violationName(content.violationCode));
  line('违法事实', content.facts);

  if (content.kind === 'exemption') {
    line('适用情形', content.exemptionType ?? '不予处罚');
    line('理由及依据', content.exemptionReason ?? '');
    line('决定', '依法不予行政处罚。本机关已对当事人进行教育，责令其及时改正并不再违法。');
  } else {
    if (content.legalBasis) line('处罚依据', content.legalBasis);
    if (content.discretionLevel) {
      const band = content.penaltyMinYuan !== null && content.penaltyMaxYuan !== null ? `，罚款${content.penaltyMinYuan}元至${content.penaltyMaxYuan}元` : '';
      line('自由裁量', `适用“${content.discretionLevel}”裁量阶次${band}`);
    }
    if (content.exemptionReason) line('首违不罚、轻微免罚审查', content.exemptionReason);
    if (content.reasoning) line('理由', content.reasoning);
    line('处罚决定', `罚款人民币${content.fineYuan ?? 0}元。`);
    line('程序', content.procedure === 'simple' ? '简易程序（当场作出）' : '一般程序（经三级审核）');
    line(
      '救济途径',
      '当事人应当自收到本决定书之日起十五日内缴纳罚款。如不服本决定，可以在收到本决定书之日起六十日内申请行政复议，或者在六个月内依法提起行政诉讼。',
    );
  }
  doc.moveDown(2);
  doc.fontSize(12).text(content.districtName, { align: 'right' });
  doc.text(`${content.issuedAt.getFullYear()}年${content.issuedAt.getMonth() + 1}月${content.issuedAt.getDate()}日`, { align: 'right' });
  doc.end();
  return done;
}
