import type { Locator } from '@playwright/test';

/**
 * Virtualized lists render only the rows in view. Scroll `list` down half a screen at a time until `row` is
 * rendered (or the end is reached), waiting two animation frames after each step for the list to draw.
 */
export async function scrollUntilRendered(list: Locator, row: Locator): Promise<void> {
  for (let step = 0; step < 500; step++) {
    if ((await row.count()) > 0) return;
    const moved = await list.evaluate(async (el) => {
      const scroller = [el, ...el.querySelectorAll<HTMLElement>('*')].find(
        (e) => e.scrollHeight > e.clientHeight + 1 && getComputedStyle(e).overflowY !== 'visible',
      );
      if (!scroller) return false;
      const before = scroller.scrollTop;
      scroller.scrollTop = before + scroller.clientHeight / 2;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      return scroller.scrollTop !== before;
    });
    if (!moved) return;
  }
}
