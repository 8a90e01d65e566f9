import type { PDFDocumentProxy, RenderTask, TextLayer } from 'pdfjs-dist';
import { type PdfJsLib, pageSize, renderPage } from './pdf-document';
import {
  fitScale,
  nextPageToRender,
  outputScale,
  ownReason,
  type PageState,
  pagesToRelease,
  RENDERED_PIXEL_BUDGET,
} from './preview-model';

/** The class names the page elements get (from the component's CSS module). */
export interface PageClassNames {
  page: string;
  canvas: string;
}

interface PageSlot {
  readonly index: number;
  readonly element: HTMLDivElement;
  readonly canvas: HTMLCanvasElement;
  readonly textLayerElement: HTMLDivElement;
  /** Size in PDF points; the first page's until the page itself is read. */
  width: number;
  height: number;
  state: PageState;
  /** Device pixels the canvas holds. */
  pixels: number;
  textLayer: TextLayer | null;
}

/** How far around the visible part of the scroll area pages count as near: one view above and below. */
const NEAR_MARGIN = '100% 0px';

/**
 * The preview's pages as DOM inside `container` (which React leaves empty): a box per page with a canvas
 * and pdf.js's text layer, sized to fit the scroll area's width. Pages are drawn one at a time, yielding
 * between pages, pages in view first and then the rest in order; every page is drawn once (so its text
 * is there to find), and beyond the pixel budget pages far from the view give their bitmaps back and are
 * drawn again when scrolled to. `run` ends when `signal` aborts, which also cancels the drawing under way.
 */
export class PageRenderer {
  private slots: PageSlot[] = [];
  private readonly near = new Set<number>();
  private drawnOnce = 0;
  private availableWidth = 0;
  private wake: (() => void) | null = null;
  private task: RenderTask | null = null;
  private readonly cleanups: (() => void)[] = [];

  constructor(
    private readonly lib: PdfJsLib,
    private readonly doc: PDFDocumentProxy,
    private readonly scrollArea: HTMLElement,
    private readonly container: HTMLElement,
    private readonly classNames: PageClassNames,
    private readonly onProgress: (drawn: number, total: number) => void,
  ) {}

  async run(signal: AbortSignal): Promise<void> {
    const onAbort = () => {
      this.task?.cancel();
      for (const slot of this.slots) slot.textLayer?.cancel();
      this.wakeUp();
    };
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      const first = await this.doc.getPage(1);
      if (signal.aborted) return;
      this.availableWidth = this.measureWidth();
      this.createSlots(pageSize(first));
      this.observe();
      this.onProgress(0, this.slots.length);
      while (!signal.aborted) {
        const index = nextPageToRender(
          this.slots.map((slot) => slot.state),
          this.near,
        );
        if (index === undefined) {
          await new Promise<void>((resolve) => (this.wake = resolve));
          continue;
        }
        const slot = this.slots[index];
        if (slot === undefined) break;
        const firstTime = slot.state === 'pending';
        await this.draw(slot, signal);
        if (signal.aborted) return;
        if (firstTime) {
          this.drawnOnce++;
          this.onProgress(this.drawnOnce, this.slots.length);
        }
        this.releaseOverBudget();
        await yieldToBrowser();
      }
    } finally {
      signal.removeEventListener('abort', onAbort);
      for (const cleanup of this.cleanups.splice(0)) cleanup();
      this.wake = null;
    }
  }

  private wakeUp(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  /** The scroll area's content width, without its padding and scroll bar. */
  private measureWidth(): number {
    const style = getComputedStyle(this.scrollArea);
    const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
    return Math.max(0, this.scrollArea.clientWidth - (Number.isFinite(padding) ? padding : 0));
  }

  private createSlots(size: { width: number; height: number }): void {
    const fragment = document.createDocumentFragment();
    this.slots = Array.from({ length: this.doc.numPages }, (_, index) => {
      const element = document.createElement('div');
      element.className = this.classNames.page;
      element.dataset.pageNumber = String(index + 1);
      const canvas = document.createElement('canvas');
      canvas.className = this.classNames.canvas;
      canvas.setAttribute('role', 'img');
      canvas.setAttribute('aria-label', `第${index + 1}页`);
      canvas.width = 0;
      canvas.height = 0;
      const textLayerElement = document.createElement('div');
      textLayerElement.className = 'textLayer';
      element.append(canvas, textLayerElement);
      fragment.append(element);
      const slot: PageSlot = {
        index,
        element,
        canvas,
        textLayerElement,
        width: size.width,
        height: size.height,
        state: 'pending',
        pixels: 0,
        textLayer: null,
      };
      this.applySize(slot);
      return slot;
    });
    this.container.replaceChildren(fragment);
  }

  private scaleOf(slot: PageSlot): number {
    return fitScale(slot.width, this.availableWidth);
  }

  /** Sizes the page box; the text layer follows through --total-scale-factor (pdf.js's CSS variable). */
  private applySize(slot: PageSlot): void {
    const scale = this.scaleOf(slot);
    const { style } = slot.element;
    style.setProperty('--total-scale-factor', String(scale));
    style.width = `${slot.width * scale}px`;
    style.height = `${slot.height * scale}px`;
  }

  /** Tracks which pages are near the view, and refits the pages when the scroll area's width changes. */
  private observe(): void {
    const visibility = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const index = Number((entry.target as HTMLElement).dataset.pageNumber) - 1;
          if (entry.isIntersecting) this.near.add(index);
          else this.near.delete(index);
        }
        this.wakeUp();
      },
      { root: this.scrollArea, rootMargin: NEAR_MARGIN },
    );
    for (const slot of this.slots) visibility.observe(slot.element);
    this.cleanups.push(() => visibility.disconnect());

    let frame = 0;
    const resize = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => this.refit());
    });
    resize.observe(this.scrollArea);
    this.cleanups.push(() => {
      cancelAnimationFrame(frame);
      resize.disconnect();
    });
  }

  private refit(): void {
    const width = this.measureWidth();
    if (Math.abs(width - this.availableWidth) < 1) return;
    this.availableWidth = width;
    for (const slot of this.slots) {
      this.applySize(slot);
      // The old bitmap stretches until the page is drawn again at the new size, when near the view.
      if (slot.state === 'rendered') slot.state = 'stale';
    }
    this.wakeUp();
  }

  private async draw(slot: PageSlot, signal: AbortSignal): Promise<void> {
    const page = await this.doc.getPage(slot.index + 1);
    try {
      if (signal.aborted) return;
      const size = pageSize(page);
      if (size.width !== slot.width || size.height !== slot.height) {
        slot.width = size.width;
        slot.height = size.height;
        this.applySize(slot);
      }
      const viewport = page.getViewport({ scale: this.scaleOf(slot) });
      const ratio = outputScale(viewport.width, viewport.height, window.devicePixelRatio);
      this.task = renderPage(page, slot.canvas, viewport, ratio);
      try {
        await this.task.promise;
      } finally {
        this.task = null;
      }
      slot.pixels = slot.canvas.width * slot.canvas.height;
      slot.state = 'rendered';
      if (slot.textLayer === null && !signal.aborted) {
        // Drawn once: its font sizes and positions follow --total-scale-factor when the page is refitted.
        slot.textLayer = new this.lib.TextLayer({
          textContentSource: page.streamTextContent(),
          container: slot.textLayerElement,
          viewport,
        });
        await slot.textLayer.render();
      }
    } catch (error) {
      if (signal.aborted) return;
      throw new PageRenderError(slot.index + 1, error);
    } finally {
      // Drops the page's operator list in the worker and here; drawing it again reads it anew.
      page.cleanup();
    }
  }

  private releaseOverBudget(): void {
    const focus = this.near.size > 0 ? Math.min(...this.near) : 0;
    const held = this.slots.map(({ index, pixels }) => ({ index, pixels }));
    for (const index of pagesToRelease(held, this.near, focus, RENDERED_PIXEL_BUDGET)) {
      const slot = this.slots[index];
      if (slot === undefined) continue;
      slot.canvas.width = 0;
      slot.canvas.height = 0;
      slot.pixels = 0;
      slot.state = 'released';
    }
  }
}

/** A page pdf.js could not draw; the preview shows which. */
export class PageRenderError extends Error {
  constructor(
    readonly pageNumber: number,
    cause: unknown,
  ) {
    const reason = ownReason(cause);
    super(`第${pageNumber}页无法显示${reason === null ? '' : `(${reason})`}`, { cause });
    this.name = 'PageRenderError';
  }
}

/** Lets the browser paint and handle input between pages. */
function yieldToBrowser(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
