import { expect, test, type Page } from '@playwright/test';

/**
 * No view scrolls sideways at a phone, tablet or laptop width, in any of the states people meet it in:
 * empty, loaded, with a long payload, with a long URL. Wide tables and hex dumps scroll in their own box.
 */

const longText = 'The quick brown fox jumps over the lazy dog. '.repeat(12);
const longHex = Array.from(new TextEncoder().encode(longText), (b) => b.toString(16).padStart(2, '0')).join(
  '',
);
// A masked text frame carrying `longText` (126 ≤ length < 65536: the 16-bit length form).
function maskedFrame(text: string): string {
  const bytes = new TextEncoder().encode(text);
  const key = [0x37, 0xfa, 0x21, 0x3d];
  const head = [0x81, 0xfe, bytes.length >> 8, bytes.length & 0xff, ...key];
  const body = Array.from(bytes, (b, i) => b ^ key[i % 4]!);
  return [...head, ...body].map((b) => b.toString(16).padStart(2, '0')).join('');
}

interface State {
  name: string;
  url: string;
  act?: (page: Page) => Promise<void>;
}

const states: Record<string, State[]> = {
  home: [{ name: 'empty', url: '#/' }],
  learn: [{ name: 'course', url: '#/learn' }],
  lab: [{ name: 'empty', url: '#/lab' }],
  handshake: [
    { name: 'empty', url: '#/handshake' },
    {
      name: 'at the end',
      url: '#/handshake',
      act: async (page) => {
        await page.getByRole('heading', { level: 1 }).waitFor();
        await page.keyboard.press('End');
      },
    },
  ],
  builder: [
    { name: 'empty', url: '#/builder' },
    {
      name: 'long payload',
      url: '#/builder',
      act: async (page) => {
        await page.locator('#builder-text').fill(longText);
      },
    },
  ],
  masking: [
    { name: 'empty', url: '#/masking' },
    { name: 'long payload', url: `#/masking?payload=${longHex}&key=37fa213d` },
  ],
  decoder: [
    { name: 'empty', url: '#/decoder' },
    { name: 'one frame', url: '#/decoder?hex=818537fa213d7f9f4d5158' },
    { name: 'long payload', url: `#/decoder?hex=${maskedFrame(longText)}` },
  ],
  replay: [
    { name: 'empty', url: '#/replay' },
    {
      name: 'capture loaded',
      url: '#/replay',
      act: async (page) => {
        await page.getByRole('button', { name: 'Chromium ↔ ws (pcap)' }).click();
        await page.getByRole('button', { name: 'Next frame' }).click();
        await expect(page.getByRole('article', { name: 'Frame 1', exact: true })).toBeVisible();
      },
    },
  ],
  live: [
    { name: 'empty', url: '#/live' },
    {
      name: 'long URL',
      url: '#/live',
      act: async (page) => {
        await page.locator('#live-url').fill(`ws://127.0.0.1:9/${'a-very-long-path-segment/'.repeat(10)}`);
      },
    },
  ],
};

for (const width of [375, 768, 1280]) {
  for (const [view, list] of Object.entries(states)) {
    for (const state of list) {
      test(`${view} (${state.name}) at ${width}px does not scroll sideways`, async ({ page }) => {
        await page.setViewportSize({ width, height: 800 });
        await page.goto(state.url);
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        await state.act?.(page);
        const { scrollWidth, innerWidth, widest } = await page.evaluate(() => {
          const doc = document.documentElement;
          // Name the element that sticks out furthest, so a failure says where to look.
          let widest = '';
          let right = window.innerWidth;
          for (const el of document.querySelectorAll('body *')) {
            const r = el.getBoundingClientRect();
            if (r.right > right + 0.5 && r.width > 0) {
              let clipped = false;
              for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
                const o = getComputedStyle(p).overflowX;
                if (o !== 'visible') {
                  clipped = true;
                  break;
                }
              }
              if (!clipped) {
                right = r.right;
                widest = `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} ${Math.round(r.right)}px`;
              }
            }
          }
          return { scrollWidth: doc.scrollWidth, innerWidth: window.innerWidth, widest };
        });
        expect(
          scrollWidth,
          `page is ${scrollWidth}px wide in ${innerWidth}px; widest: ${widest}`,
        ).toBeLessThanOrEqual(innerWidth);
      });
    }
  }
}

for (const width of [375, 768, 1280]) {
  test(`Builder at ${width}px: every bit of the grid is at least 24px wide and inside the window`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: 800 });
    await page.goto('#/builder');
    const bits = page.getByRole('group', { name: /Header bits of frame 1/ }).getByRole('button');
    await expect(bits.first()).toBeVisible();
    const boxes = await bits.evaluateAll((els) =>
      els.map((e) => {
        const r = e.getBoundingClientRect();
        return { w: r.width, h: r.height, right: r.right };
      }),
    );
    expect(boxes.length).toBeGreaterThanOrEqual(16);
    for (const b of boxes) {
      expect(b.w).toBeGreaterThanOrEqual(24);
      expect(b.h).toBeGreaterThanOrEqual(24);
      expect(b.right).toBeLessThanOrEqual(width);
    }
  });
}
