import { formProblems } from '../deployments/deployments.service';
import { problem, type ModelProblem } from '../deployments/model-guard/model-problem';
import { checkRawDocument } from '../deployments/model-guard/raw-document';
import { decisionIds } from './district-models';

/**
 * A form draft is the form-js JSON the engine binds by its id: the upload check (size, JSON) plus a schema with a
 * components list whose id is the draft's key, since a process finds the form by that id.
 */
export function formDraftProblems(key: string, json: string): ModelProblem[] {
  const uploaded = formProblems({ name: `${key}.form`, content: Buffer.from(json) });
  if (uploaded.length) return uploaded;
  const schema = JSON.parse(json) as unknown;
  if (!schema || typeof schema !== 'object' || Array.isArray(schema) || !Array.isArray((schema as { components?: unknown }).components)) {
    return [problem('unparsed-content', null, '表单须为 form-js 模式：含 components 列表的 JSON 对象', 'A form must be a form-js schema: a JSON object with a components list')];
  }
  const id = (schema as { id?: unknown }).id;
  if (id !== key) {
    const found = typeof id === 'string' ? id : '无';
    return [problem('unparsed-content', null, `草稿必须保留表单标识 ${key}（现为 ${found}）`, `The draft must keep the form id ${key} (found ${typeof id === 'string' ? id : 'none'})`)];
  }
  return [];
}

/** The one rule of a decision draft beside the guard's: the table keeps its decision id, which processes name. */
export async function decisionKeyProblems(key: string, xml: string): Promise<ModelProblem[]> {
  const raw = checkRawDocument(`${key}.dmn`, xml);
  // Untrusted XML reaches the parser only after the raw checks pass; the guard reports what they found.
  if (!raw.ok || raw.kind !== 'dmn') return [];
  const ids = await decisionIds(xml);
  if (ids.includes(key)) return [];
  return [problem('unparsed-content', ids[0] ?? null, `草稿必须保留决策标识 ${key}（现为 ${ids.join('、') || '无'}）`, `The draft must keep the decision id ${key} (found ${ids.join(', ') || 'none'})`)];
}
