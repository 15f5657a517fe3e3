// Loaded on demand so the task list never pays for bpmn-js on a phone.
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import './process-diagram.css';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';

interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface DiagramCanvas {
  zoom(level?: number | 'fit-viewport', center?: 'auto'): number;
  viewbox(box?: Bounds): Bounds & { scale: number; outer: Bounds };
  addMarker(elementId: string, marker: string): void;
}

interface ElementRegistry {
  get(id: string): (Bounds & { id: string }) | undefined;
}

export const currentStepMarker = 'current-step';
const zoomStep = 1.25;
// Below this scale labels are unreadable on a phone; show the current step legibly instead.
const readableScale = 0.75;

export interface ProcessDiagram {
  /** Ids of the current steps found in the diagram and marked. */
  highlighted: string[];
  zoomIn(): void;
  zoomOut(): void;
  fit(): void;
  destroy(): void;
}

/** Renders the case's BPMN read-only with pan/zoom and marks the current steps. */
export async function renderProcessDiagram(
  container: HTMLElement,
  xml: string,
  currentActivityIds: string[],
): Promise<ProcessDiagram> {
  const viewer = new NavigatedViewer({ container });
  await viewer.importXML(xml);
  const canvas = viewer.get<DiagramCanvas>('canvas');
  const registry = viewer.get<ElementRegistry>('elementRegistry');

  const current = currentActivityIds
    .map((id) => registry.get(id))
    .filter((element): element is Bounds & { id: string } => !!element);
  current.forEach((element) => canvas.addMarker(element.id, currentStepMarker));

  const fit = (): void => {
    const scale = canvas.zoom('fit-viewport', 'auto');
    const focus = current[0];
    if (!focus || scale >= readableScale) return;
    const { outer } = canvas.viewbox();
    const width = outer.width / readableScale;
    const height = outer.height / readableScale;
    canvas.viewbox({
      x: focus.x + focus.width / 2 - width / 2,
      y: focus.y + focus.height / 2 - height / 2,
      width,
      height,
    });
  };
  fit();

  return {
    highlighted: current.map((element) => element.id),
    zoomIn: () => void canvas.zoom(canvas.zoom() * zoomStep),
    zoomOut: () => void canvas.zoom(canvas.zoom() / zoomStep),
    fit,
    destroy: () => viewer.destroy(),
  };
}
