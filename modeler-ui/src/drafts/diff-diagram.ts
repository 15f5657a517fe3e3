// Loaded on demand with the review page: bpmn-js stays out of the task list's bundle.
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import './drafts.css';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import type { ModelDiff } from '../../../src/drafts/model-diff';

interface DiagramCanvas {
  zoom(level?: number | 'fit-viewport', center?: 'auto'): number;
  addMarker(elementId: string, marker: string): void;
}

interface ElementRegistry {
  get(id: string): unknown;
}

export const diffMarkers = { added: 'diff-added', removed: 'diff-removed', changed: 'diff-changed' } as const;

export interface DiffDiagram {
  /** Ids marked in this diagram, by kind. */
  marked: { added: string[]; removed: string[]; changed: string[] };
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
  canvas.zoom('fit-viewport', 'auto');
  return { marked, destroy: () => viewer.destroy() };
}
