// Loaded on demand with the review page: bpmn-js stays out of the task list's bundle.
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import './drafts.css';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import type { ModelDiff } from '../../../src/drafts/model-diff';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface DiagramCanvas {
  zoom(level?: number | 'fit-viewport', center?: 'auto'): number;
  viewbox(box?: Box): Box & { outer: { width: number; height: number } };
  addMarker(elementId: string, marker: string): void;
}

interface DiagramElement {
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  waypoints?: Array<{ x: number; y: number }>;
}

interface ElementRegistry {
  get(id: string): DiagramElement | undefined;
}

/** Room around the changed elements, in diagram units, so their neighbours show where they sit. */
const FOCUS_MARGIN = 120;

export const diffMarkers = { added: 'diff-added', removed: 'diff-removed', changed: 'diff-changed' } as const;

export interface DiffDiagram {
  /** Ids marked in this diagram, by kind. */
  marked: { added: string[]; removed: string[]; changed: string[] };
  /** The whole process, fitted to the frame. */
  showAll(): void;
  /** Zoomed in on the marked elements (at most to natural size); the whole process when they fill it anyway. */
  showChanges(): void;
  destroy(): void;
}

/**
 * Draws one side of a diff read-only: the new version with added (green) and changed (orange) elements,
 * or the base version with removed (red) ones. Elements without a shape (DI) are simply not marked.
 */
export async function renderDiffDiagram(container: HTMLElement, xml: string, diff: ModelDiff, side: 'new' | 'base'): Promise<DiffDiagram> {
  const viewer = new NavigatedViewer({ container });
  await viewer.importXML(xml);
  const canvas = viewer.get<DiagramCanvas>('canvas');
  const registry = viewer.get<ElementRegistry>('elementRegistry');
  const mark = (ids: string[], marker: string) => {
    const shown = ids.filter((id) => registry.get(id));
    shown.forEach((id) => canvas.addMarker(id, marker));
    return shown;
  };
  const marked =
    side === 'new'
      ? { added: mark(diff.added.map((e) => e.id), diffMarkers.added), removed: [], changed: mark(diff.changed.map((e) => e.id), diffMarkers.changed) }
      : { added: [], removed: mark(diff.removed.map((e) => e.id), diffMarkers.removed), changed: [] };
  const changes = boundsOf([...marked.added, ...marked.changed, ...marked.removed].map((id) => registry.get(id)));
  const showAll = () => void canvas.zoom('fit-viewport', 'auto');
  const showChanges = () => {
    showAll();
    if (!changes) return;
    const { outer } = canvas.viewbox();
    const scale = Math.min(1, outer.width / changes.width, outer.height / changes.height);
    if (scale <= canvas.zoom()) return;
    const width = outer.width / scale;
    const height = outer.height / scale;
    canvas.viewbox({ x: changes.x + changes.width / 2 - width / 2, y: changes.y + changes.height / 2 - height / 2, width, height });
  };
  // A reviewer of a large process cannot read the changes at the size that fits all of it: start on them.
  showChanges();
  return { marked, showAll, showChanges, destroy: () => viewer.destroy() };
}

/** The box around the drawn elements (shapes and flows), with a margin; null when none is drawn. */
function boundsOf(elements: Array<DiagramElement | undefined>): Box | null {
  const points: Array<{ x: number; y: number }> = [];
  for (const element of elements) {
    if (element?.waypoints) points.push(...element.waypoints);
    else if (element?.width !== undefined && element.x !== undefined && element.y !== undefined) {
      points.push({ x: element.x, y: element.y }, { x: element.x + element.width, y: element.y + (element.height ?? 0) });
    }
  }
  if (!points.length) return null;
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const x = Math.min(...xs) - FOCUS_MARGIN;
  const y = Math.min(...ys) - FOCUS_MARGIN;
  return { x, y, width: Math.max(...xs) + FOCUS_MARGIN - x, height: Math.max(...ys) + FOCUS_MARGIN - y };
}
