import { ModelProblem, problem } from './model-problem';

/** Models are small; a limit far above any real one keeps entity-free but huge uploads away from the parser. */
export const MAX_MODEL_BYTES = 2 * 1024 * 1024;
/** Real models nest a few dozen elements deep; thousands would only exhaust the parser's and the rules' stack. */
export const MAX_NESTING = 100;

export const BPMN_NAMESPACE = 'http://www.omg.org/spec/BPMN/20100524/MODEL';
export const DMN_NAMESPACE = 'https://www.omg.org/spec/DMN/20191111/MODEL/';
/** Camunda 7 still honours the Activiti namespace; the guard's rules only know camunda:, so it is refused outright. */
const FOREIGN_ENGINE_NAMESPACES = ['http://activiti.org/bpmn'];

export type ModelKind = 'bpmn' | 'dmn';

export type RawCheck = { ok: true; kind: ModelKind; text: string } | { ok: false; problems: ModelProblem[] };

/** Also used by the upload route, whose body parser stops reading at the same limit. */
export const fileTooLarge = (bytes: number): ModelProblem =>
  problem('file-too-large', null, `文件过大（${bytes} 字节），上限为 ${MAX_MODEL_BYTES} 字节`, `The file is too large (${bytes} bytes); the limit is ${MAX_MODEL_BYTES} bytes`);

/**
 * Checks on the raw bytes, before any XML parser sees them: size, encoding, DOCTYPE/ENTITY declarations
 * (XXE and entity expansion are refused here, so no parser ever gets the chance to resolve an entity),
 * and which kind of model the root element declares.
 */
export function checkRawDocument(name: string, content: Buffer | string): RawCheck {
  const bytes = typeof content === 'string' ? Buffer.byteLength(content, 'utf8') : content.length;
  if (bytes > MAX_MODEL_BYTES) return { ok: false, problems: [fileTooLarge(bytes)] };

  const buffer = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  if (hasUtf16Bom(buffer)) return notXml('文件须为 UTF-8 编码的 XML', 'The file must be XML encoded as UTF-8');
  const text = new TextDecoder('utf-8', { fatal: false }).decode(buffer).replace(/^\uFEFF/, '');

  // Case-insensitive and anywhere in the text: a declaration hidden in a comment costs the designer nothing to delete.
  if (/<!\s*(DOCTYPE|ENTITY)/i.test(text) || /<!\[\s*(INCLUDE|IGNORE)/i.test(text)) {
    return {
      ok: false,
      problems: [
        problem('no-doctype', null, '文件含有 DOCTYPE 或 ENTITY 声明（可能是 XXE 或实体膨胀攻击），已拒绝', 'The file contains a DOCTYPE or ENTITY declaration (XXE or entity expansion); refused'),
      ],
    };
  }

  const encoding = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/.exec(text)?.[1];
  if (encoding && !/^utf-?8$/i.test(encoding)) return notXml(`文件须为 UTF-8 编码（声明的是 ${encoding}）`, `The file must be encoded as UTF-8 (it declares ${encoding})`);
  if (nestingDepth(text) > MAX_NESTING) return notXml(`元素嵌套超过 ${MAX_NESTING} 层`, `Elements are nested more than ${MAX_NESTING} levels deep`);

  const root = rootElement(text);
  if (!root) return notXml('文件不是 XML 文档', 'The file is not an XML document');
  const namespace = namespaceOf(root.tag, root.attributes);
  const local = root.tag.includes(':') ? root.tag.slice(root.tag.indexOf(':') + 1) : root.tag;
  const kind: ModelKind | null = local === 'definitions' && namespace === BPMN_NAMESPACE ? 'bpmn' : local === 'definitions' && namespace === DMN_NAMESPACE ? 'dmn' : null;
  if (!kind) {
    return {
      ok: false,
      problems: [
        problem(
          'not-bpmn-or-dmn',
          null,
          `文件不是 BPMN 2.0 或 DMN 1.3 模型（根元素 ${root.tag}，命名空间 ${namespace ?? '无'}）`,
          `The file is not a BPMN 2.0 or DMN 1.3 model (root element ${root.tag}, namespace ${namespace ?? 'none'})`,
        ),
      ],
    };
  }
  const expected = /\.bpmn$/i.test(name) ? 'bpmn' : /\.dmn$/i.test(name) ? 'dmn' : kind;
  if (expected !== kind) {
    return {
      ok: false,
      problems: [problem('not-bpmn-or-dmn', null, `文件名 ${name} 与内容（${kind.toUpperCase()}）不符`, `The file name ${name} does not match its content (${kind.toUpperCase()})`)],
    };
  }
  const foreign = FOREIGN_ENGINE_NAMESPACES.find((ns) => text.includes(ns));
  if (foreign) {
    return {
      ok: false,
      problems: [problem('no-foreign-engine-namespace', null, `不允许使用命名空间 ${foreign}，请使用 camunda:`, `The namespace ${foreign} is not allowed; use camunda:`)],
    };
  }
  return { ok: true, kind, text };
}

const notXml = (zh: string, en: string): RawCheck => ({ ok: false, problems: [problem('not-xml', null, zh, en)] });

function hasUtf16Bom(buffer: Buffer): boolean {
  return buffer.length >= 2 && ((buffer[0] === 0xff && buffer[1] === 0xfe) || (buffer[0] === 0xfe && buffer[1] === 0xff));
}

/** The first element's tag and attribute text, after an optional XML declaration, comments and processing instructions. */
function rootElement(text: string): { tag: string; attributes: string } | null {
  let rest = text.trimStart();
  for (;;) {
    if (rest.startsWith('<?')) {
      const end = rest.indexOf('?>');
      if (end < 0) return null;
      rest = rest.slice(end + 2).trimStart();
    } else if (rest.startsWith('<!--')) {
      const end = rest.indexOf('-->');
      if (end < 0) return null;
      rest = rest.slice(end + 3).trimStart();
    } else break;
  }
  const match = /^<([A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)(\s[^>]*)?\/?>/.exec(rest);
  if (!match) return null;
  return { tag: match[1], attributes: match[2] ?? '' };
}

function namespaceOf(tag: string, attributes: string): string | null {
  const prefix = tag.includes(':') ? tag.slice(0, tag.indexOf(':')) : null;
  const attribute = prefix ? `xmlns:${prefix}` : 'xmlns';
  const match = new RegExp(`\\s${attribute.replace(/[.]/g, '\\.')}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(attributes);
  return match ? (match[2] ?? match[3]) : null;
}

/** The deepest element nesting, counted on the raw text (comments, CDATA and processing instructions skipped). */
function nestingDepth(text: string): number {
  const tags = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<(\/)?[A-Za-z_](?:[^>"']|"[^"]*"|'[^']*')*?(\/)?>/g;
  let depth = 0;
  let deepest = 0;
  for (const [tag, closing, selfClosing] of text.matchAll(tags)) {
    if (!tag.startsWith('<') || tag.startsWith('<!') || tag.startsWith('<?')) continue;
    if (closing) depth--;
    else if (!selfClosing) deepest = Math.max(deepest, ++depth);
  }
  return deepest;
}
