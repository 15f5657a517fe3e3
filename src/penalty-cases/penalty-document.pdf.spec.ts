import { inflateSync } from 'node:zlib';
import { renderPenaltyDocument, type DocumentContent } from './penalty-document.pdf';

const decision: DocumentContent = {
  kind: 'decision',
  districtName: '金华市婺城区综合行政执法局',
  caseNumber: 'WC-CF-2026-000001',
  partyName: '金华市某某餐饮店',
  partyType: 'organization',
  violationCode: 'kitchen-fumes',
  facts: '油烟净化设施未正常使用，油烟超标排放。',
  legalBasis: '《中华人民共和国大气污染防治法》第一百一十八条第一款',
  discretionLevel: '从轻',
  penaltyMinYuan: 5000,
  penaltyMaxYuan: 15000,
  exemptionType: 'none',
  exemptionReason: '当事人非初次违法，且不符合轻微免罚情形，依法处罚',
  fineYuan: 6000,
  reasoning: '当事人积极配合调查，从轻处罚。',
  procedure: 'general',
  issuedAt: new Date('2026-11-29T10:00:00Z'),
};

/** The text of every Flate stream of a PDF, so a spec can look inside the ToUnicode map. */
function inflatedStreams(pdf: Buffer): string[] {
  const text = pdf.toString('latin1');
  const streams: string[] = [];
  const pattern = /stream\r?\n/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const start = match.index + match[0].length;
    const end = text.indexOf('endstream', start);
    try {
      streams.push(inflateSync(pdf.subarray(start, end)).toString('latin1'));
    } catch {
      // not a Flate stream (or trailing whitespace) — irrelevant here
    }
  }
  return streams;
}

describe(renderPenaltyDocument.name, () => {
  it('renders a PDF that embeds a subset of Noto Sans SC with a ToUnicode map, so the Chinese text can be extracted', async () => {
    const pdf = await renderPenaltyDocument(decision);
    const raw = pdf.toString('latin1');
    expect(raw.startsWith('%PDF-')).toBe(true);
    expect(raw).toMatch(/\/FontFile2 \d+ 0 R/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC/);
    expect(raw).toMatch(/\/ToUnicode \d+ 0 R/);
    // The ToUnicode CMap maps the glyphs back to the characters of, e.g., 罚 (U+7F5A) and 款 (U+6B3E).
    const cmap = inflatedStreams(pdf).find((s) => s.includes('begincmap'));
    expect(cmap).toBeDefined();
    expect(cmap).toMatch(/<7f5a>/i);
    expect(cmap).toMatch(/<6b3e>/i);
    // A subset, not the whole 17 MB font.
    expect(pdf.length).toBeLessThan(400_000);
  });

  it('writes the exemption reason into a 不予行政处罚决定书', async () => {
    const pdf = await renderPenaltyDocument({ ...decision, kind: 'exemption', exemptionType: '首违不罚', exemptionReason: '初次违法且危害后果轻微并及时改正', fineYuan: null });
    const cmap = inflatedStreams(pdf).find((s) => s.includes('begincmap')) ?? '';
    // 首 (U+9996) only occurs in the exemption text.
    expect(cmap).toMatch(/<9996>/i);
  });
});
