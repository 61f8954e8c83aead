import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectNoA11yViolations } from './a11y';

/**
 * Learn (issue 11). Every expected answer is worked out here from the question's own words and bytes, with the
 * RFC's rules written out by hand (FIN is bit 7 of byte 0, payload byte i is XORed with key byte i mod 4, …),
 * never read from the page's answer.
 */

const exercise = (page: Page, id: string) => page.locator(`[data-exercise="${id}"]`);
const prompt = (card: Locator) => card.getByTestId('prompt').innerText();
const hex2 = (n: number) => n.toString(16).padStart(2, '0');
const bytesOf = (hex: string) => (hex.match(/../g) ?? []).map((h) => parseInt(h, 16));

/** The bytes and direction an exercise hands to the Decoder or Masking (its "open in the full view" link). */
async function linkParams(card: Locator, name: RegExp): Promise<URLSearchParams> {
  const href = (await card.getByRole('link', { name }).getAttribute('href')) ?? '';
  return new URLSearchParams(href.slice(href.indexOf('?') + 1));
}

/** N until the exercise's heading has focus (keyboard only). */
async function goTo(page: Page, id: string): Promise<void> {
  const heading = exercise(page, id).getByRole('heading', { level: 2 });
  // Esc leaves an answer field (where N and R are just letters).
  await page.keyboard.press('Escape');
  for (let i = 0; i < 8; i++) {
    if (await heading.evaluate((h) => h === document.activeElement)) return;
    await page.keyboard.press('n');
  }
  await expect(heading).toBeFocused();
}

/** Tab from the exercise heading until the focus is on `target`. */
async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let i = 0; i < 12; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

async function typeAnswer(page: Page, card: Locator, text: string): Promise<void> {
  const input = card.getByRole('textbox');
  await tabTo(page, input);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

async function chooseOption(page: Page, card: Locator, label: string | RegExp): Promise<void> {
  const radios = card.getByRole('radio');
  const names = await radios.evaluateAll((els) => els.map((e) => e.parentElement?.textContent?.trim() ?? ''));
  const index = names.findIndex((n) => (typeof label === 'string' ? n === label : label.test(n)));
  expect(index, `option ${String(label)} among ${names.join(' | ')}`).toBeGreaterThanOrEqual(0);
  await tabTo(page, radios.first());
  await page.keyboard.press('Space');
  for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
  await expect(radios.nth(index)).toBeChecked();
  await tabTo(page, card.getByRole('button', { name: 'Check' }));
  await page.keyboard.press('Enter');
}

const feedback = (card: Locator) =>
  card.getByRole('status').filter({ hasText: /Right|Not quite|hex|Choose/ });
const isRight = async (card: Locator) => {
  await expect(feedback(card)).toContainText('Right.');
  await expect(card.getByRole('heading', { level: 2 })).toContainText('✓ done');
};

test('lesson 4 played through by keyboard: a wrong byte explained, then right; progress survives a reload', async ({
  page,
}) => {
  await page.goto('#/learn/first-two-bytes?seed=4242');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('The first two bytes');

  // Exercise 1: byte 0 from the description.
  await goTo(page, 'byte-0');
  let card = exercise(page, 'byte-0');
  let text = await prompt(card);
  const op = Number(/\(opcode (0x[0-9a-f])\)/i.exec(text)![1]);
  const fin = /final frame/.test(text);
  const byte0 = (fin ? 0x80 : 0) | op;
  // First the mistake of forgetting (or wrongly setting) FIN.
  await typeAnswer(page, card, hex2(byte0 ^ 0x80));
  await expect(feedback(card)).toContainText(fin ? 'You left FIN at 0' : 'You set FIN to 1');
  // Unreadable input is refused without counting as a try.
  await typeAnswer(page, card, 'zz');
  await expect(feedback(card)).toContainText('That is not hex');
  // R reveals after a try.
  await page.keyboard.press('Escape');
  await typeAnswer(page, card, hex2(byte0));
  await isRight(card);

  // Exercise 2: byte 1.
  await goTo(page, 'byte-1');
  card = exercise(page, 'byte-1');
  text = await prompt(card);
  const client = /The client/.test(text);
  const word = /payload is the text (.+)\.\n/.exec(text + '\n')![1]!;
  const byte1 = (client ? 0x80 : 0) | new TextEncoder().encode(word).length;
  await typeAnswer(page, card, `0x${hex2(byte1)}`);
  await isRight(card);

  // Exercise 3: the 16 bits on the bit grid (one tab stop, arrows move, Space flips).
  await goTo(page, 'bits');
  card = exercise(page, 'bits');
  text = await prompt(card);
  const bitsOp = Number(/\(opcode (0x[0-9a-f])\)/i.exec(text)![1]);
  const bitsFin = bitsOp >= 8 || /the last frame of its message/.test(text);
  const bitsLen = Number(/with a (\d+)-byte payload/.exec(text)![1]);
  const bitsMask = /The client/.test(text);
  const want = [(bitsFin ? 0x80 : 0) | bitsOp, (bitsMask ? 0x80 : 0) | bitsLen]
    .map((b) => b.toString(2).padStart(8, '0'))
    .join('');
  await tabTo(page, card.locator('[data-bit="0"]'));
  for (let i = 0; i < 16; i++) {
    if (want[i] === '1') await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
  }
  await tabTo(page, card.getByRole('button', { name: 'Check' }));
  await page.keyboard.press('Enter');
  await isRight(card);

  // Exercise 4: valid, or which rule? Judged here from the frame's first byte.
  await goTo(page, 'verdict');
  card = exercise(page, 'verdict');
  const frame = bytesOf((await linkParams(card, /Decoder/)).get('hex')!);
  const b0 = frame[0]!;
  const rule =
    (b0 & 0x70) !== 0
      ? 'Reserved bit set (RFC 6455 §5.2)'
      : [3, 4, 5, 6, 7, 11, 12, 13, 14, 15].includes(b0 & 0x0f)
        ? 'Reserved opcode (RFC 6455 §5.2)'
        : 'Nothing: the receiver accepts every frame';
  await chooseOption(page, card, rule);
  await isRight(card);
  await expect(page.getByTestId('lesson-progress')).toHaveText('4 of 4 exercises done');

  await page.reload();
  await expect(page.getByTestId('lesson-progress')).toHaveText('4 of 4 exercises done');
  await page.goto('#/');
  await expect(page.getByRole('link', { name: /4\. The first two bytes/ })).toContainText('4 of 4 done');
  await expect(page.getByRole('link', { name: /Continue with lesson 1/ })).toBeVisible();
});

test('lesson 6 played through by keyboard, with R revealing an answer after a wrong try', async ({
  page,
}) => {
  await page.goto('#/learn/masking?seed=777');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Masking');

  await goTo(page, 'key-index');
  let card = exercise(page, 'key-index');
  const i = Number(/payload byte (\d+)/.exec(await prompt(card))![1]);
  await chooseOption(page, card, `key byte ${i % 4}`);
  await isRight(card);

  await goTo(page, 'xor');
  card = exercise(page, 'xor');
  const m = await linkParams(card, /Masking/);
  const payload = bytesOf(m.get('payload')!);
  const key = bytesOf(m.get('key')!);
  const at = Number(/payload byte (\d+)/.exec(await prompt(card))![1]);
  const masked = payload[at]! ^ key[at % 4]!;
  // The classic mistake: key byte 0 for every payload byte (this seed makes it a different byte).
  expect(at % 4).not.toBe(0);
  expect(payload[at]! ^ key[0]!).not.toBe(masked);
  await typeAnswer(page, card, hex2(payload[at]! ^ key[0]!));
  await expect(feedback(card)).toContainText(`instead of key byte ${at} mod 4 = ${at % 4}`);
  await page.keyboard.press('Escape');
  await goTo(page, 'xor');
  await page.keyboard.press('r');
  await expect(card.getByTestId('answer')).toContainText(`0x${hex2(masked)}`);
  await typeAnswer(page, card, hex2(masked));
  await isRight(card);

  await goTo(page, 'unmask');
  card = exercise(page, 'unmask');
  const frame = bytesOf((await linkParams(card, /Decoder/)).get('hex')!);
  const k = frame.slice(2, 6);
  const plain = frame.slice(6).map((b, j) => b ^ k[j % 4]!);
  await typeAnswer(page, card, plain.map(hex2).join(' '));
  await isRight(card);

  await goTo(page, 'verdict');
  card = exercise(page, 'verdict');
  const v = await linkParams(card, /Decoder/);
  const maskBit = (bytesOf(v.get('hex')!)[1]! & 0x80) !== 0;
  const fromClient = v.get('dir') === 'c2s';
  const rule =
    fromClient && !maskBit
      ? 'Client frame not masked (RFC 6455 §5.1)'
      : !fromClient && maskBit
        ? 'Server frame masked (RFC 6455 §5.1)'
        : 'Nothing: the receiver accepts every frame';
  await chooseOption(page, card, rule);
  await isRight(card);
  await expect(page.getByTestId('lesson-progress')).toHaveText('4 of 4 exercises done');
  await page.reload();
  await expect(page.getByTestId('lesson-progress')).toHaveText('4 of 4 exercises done');
});

test('an exercise permalink gives the same exercise again', async ({ page }) => {
  await page.goto('#/learn/lengths');
  const card = exercise(page, 'length-bytes');
  await expect(card.getByTestId('prompt')).toContainText('bytes');
  await card.getByRole('button', { name: 'New numbers' }).click();
  const first = await prompt(card);
  const href = (await card.getByRole('link', { name: 'Link to this exercise' }).getAttribute('href'))!;
  expect(href).toMatch(/^#\/learn\/lengths\/length-bytes\?seed=\d+$/);
  await page.goto('#/');
  await page.goto(href);
  await expect(exercise(page, 'length-bytes').getByRole('heading', { level: 2 })).toBeFocused();
  expect(await prompt(exercise(page, 'length-bytes'))).toBe(first);
});

test('teacher mode reveals before any try, and the front page lists lessons and the coverage map', async ({
  page,
}) => {
  await page.goto('#/');
  await expect(page.getByRole('heading', { name: 'Learn WebSocket, byte by byte', level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Learn', exact: true })).toHaveAttribute(
    'aria-current',
    'page',
  );
  await expect(page.getByRole('link', { name: /^1\. From HTTP to WebSocket/ })).toBeVisible();
  await expect(page.getByRole('link', { name: /^12\. Security/ })).toBeVisible();
  await expect(page.getByTestId('coverage-summary')).toContainText(/0 of \d+ wire rules practised/);
  await page.getByText('Every rule and where it is practised').click();
  await expect(page.locator('[data-rule="mask-xor"]')).toContainText('Lesson 6');
  await page.getByRole('link', { name: 'All the tools' }).click();
  await expect(page.getByRole('heading', { name: 'See WebSocket traffic bit by bit' })).toBeVisible();

  await page.goto('#/learn/closing?seed=3');
  const card = exercise(page, 'payload');
  await expect(card.getByRole('button', { name: 'Reveal the answer' })).toBeDisabled();
  await page.getByRole('checkbox', { name: 'Teacher mode' }).check();
  await goTo(page, 'payload');
  await page.keyboard.press('r');
  const code = Number(/status code (\d+)/.exec(await prompt(card))![1]);
  await expect(card.getByTestId('answer')).toContainText(`${hex2(code >> 8)} ${hex2(code & 0xff)}`);
  await page.getByRole('checkbox', { name: 'Teacher mode' }).uncheck();
});

test('a lesson that does not exist says so', async ({ page }) => {
  await page.goto('#/learn/no-such-lesson');
  await expect(page.getByRole('alert')).toContainText('No lesson called “no-such-lesson”');
});

test('375 px: no sideways scroll on the course and a lesson; axe finds nothing', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  for (const hash of [
    '#/',
    '#/learn/masking?seed=9',
    '#/learn/first-two-bytes?seed=9',
    '#/learn/accept?seed=9',
  ]) {
    await page.goto(hash);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(
      page.locator('[data-exercise]').first().or(page.getByTestId('coverage-summary')),
    ).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, hash).toBeLessThanOrEqual(0);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('#/learn/masking?seed=9');
  const card = exercise(page, 'xor');
  await card.getByRole('textbox').fill('00');
  await card.getByRole('button', { name: 'Check' }).click();
  await expect(feedback(card)).toBeVisible();
  await expectNoA11yViolations(page);
  await page.goto('#/');
  await expectNoA11yViolations(page);
});

test('lesson 13: the broken frame of a real capture, found by reading its bytes', async ({ page }) => {
  await page.goto('#/learn/capture');
  const card = exercise(page, 'broken');
  await expect(card.getByText('Frame 5, client → server')).toBeVisible();
  // The client's close frame is the reaction, not the cause.
  await goTo(page, 'broken');
  await chooseOption(page, card, 'Frame 5 (client → server)');
  await expect(feedback(card)).toContainText('the client’s reaction to the problem');
  // The cause: the server text frame whose payload a fatal TextDecoder refuses.
  const frames = await card
    .locator('.shown')
    .evaluateAll((els) => els.map((e) => (e as HTMLElement).innerText));
  let broken = -1;
  for (const [i, t] of frames.entries()) {
    const hex = /00000000\s+((?:[0-9a-f]{2}\s+)+)/.exec(t)?.[1]?.trim().split(/\s+/) ?? [];
    const bytes = Uint8Array.from(hex.map((h) => parseInt(h, 16)));
    if ((bytes[0]! & 0x0f) !== 1 || bytes[1]! & 0x80) continue;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(2));
    } catch {
      broken = i + 1;
    }
  }
  expect(broken).toBeGreaterThan(0);
  // Back from Check to the chosen radio, then up to the broken frame.
  await page.keyboard.press('Shift+Tab');
  await expect(card.getByRole('radio', { name: 'Frame 5 (client → server)' })).toBeFocused();
  for (let i = broken; i < 5; i++) await page.keyboard.press('ArrowUp');
  await expect(card.getByRole('radio', { name: `Frame ${broken} (server → client)` })).toBeChecked();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await isRight(card);
  await expect(card.getByRole('button', { name: 'New numbers' })).toHaveCount(0);
});

test('lesson 3: the accept steps for the learner’s own key, carried over to the Handshake view', async ({
  page,
}) => {
  await page.goto('#/learn/accept?seed=31');
  const figure = page.locator('figure').filter({ hasText: 'Your key:' });
  const key = (await figure.locator('figcaption code').innerText()).trim();
  expect(Buffer.from(key, 'base64')).toHaveLength(16);
  const { createHash } = await import('node:crypto');
  const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
  await expect(figure.getByTestId('accept-panel')).toContainText(accept);
  await figure.getByRole('link', { name: /Open in the full view: the Handshake/ }).click();
  await expect(page.getByRole('textbox', { name: /Sec-WebSocket-Key/ })).toHaveValue(key);
});

test('lesson 12: the Origin check opens in the Handshake view, where the server answers 403', async ({
  page,
}) => {
  await page.goto('#/learn/security');
  await page.getByRole('link', { name: /Origin the server does not accept/ }).click();
  await expect(page.getByLabel('Scenario')).toHaveValue('foreign-origin');
  await page.getByRole('button', { name: 'Jump to the end' }).click();
  await expect(page.locator('[data-check="origin-allowed"]')).toHaveAttribute('data-status', 'fail');
  // RFC 6455 §4.2.2: a server that does not accept the origin answers with an HTTP error such as 403 Forbidden.
  await expect(page.getByTestId('response-text').locator('.line').first()).toHaveText(
    /^HTTP\/1.1 403 Forbidden/,
  );
});

test('dark colour scheme: a lesson with a wrong answer and a revealed one has no accessibility violations', async ({
  page,
}) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('#/learn/first-two-bytes?seed=12');
  const card = exercise(page, 'byte-0');
  await card.getByRole('textbox').fill('ff');
  await card.getByRole('button', { name: 'Check' }).click();
  await expect(feedback(card)).toContainText('Not quite.');
  await card.getByRole('button', { name: 'Reveal the answer' }).click();
  await expect(card.getByTestId('answer')).toBeVisible();
  await expectNoA11yViolations(page);
});

test('presentation mode turns teacher mode on: Reveal works before any try', async ({ page }) => {
  await page.goto('?present#/learn/lengths?seed=8');
  const toggle = page.getByRole('checkbox', { name: /Teacher mode/ });
  await expect(toggle).toBeChecked();
  await expect(toggle).toBeDisabled();
  const card = exercise(page, 'form');
  await goTo(page, 'form');
  await page.keyboard.press('r');
  const n = Number(/is ([\d,]+) bytes long/.exec(await prompt(card))![1]!.replace(/,/g, ''));
  await expect(card.getByTestId('answer')).toContainText(
    n <= 125 ? 'the 7-bit field' : n <= 65535 ? '126 and a 16-bit' : '127 and a 64-bit',
  );
});

test('lesson 14: an extended CONNECT is accepted with :status 200, answered by keyboard', async ({
  page,
}) => {
  await page.goto('#/learn/http2-http3?seed=14');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('HTTP/2 and HTTP/3');
  await goTo(page, 'status');
  const card = exercise(page, 'status');
  // RFC 8441 §5: the server answers :status 200; 101 is HTTP/1.1's upgrade.
  await typeAnswer(page, card, '101');
  await expect(feedback(card)).toContainText('HTTP/1.1 upgrade');
  await typeAnswer(page, card, '200');
  await isRight(card);
});

test('a lesson loads when it opens: a status while it loads, a clear error when it cannot, and a retry', async ({
  page,
}) => {
  // Lesson 6's chunk (built) or module (dev server): held, then refused once.
  const lessonFile = /\/(assets\/06-masking-[\w-]+\.js|src\/content\/lessons\/06-masking\.ts)(\?.*)?$/;
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(lessonFile, async (route) => {
    await held;
    await route.abort();
  });
  await page.goto('#/learn');
  await expect(page.getByRole('heading', { name: 'Learn WebSocket, byte by byte' })).toBeVisible();
  await page.getByRole('link', { name: /^6\. / }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Loading lesson 6:' })).toBeVisible();
  release();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('This lesson could not be loaded');
  await expectNoA11yViolations(page);
  await page.unroute(lessonFile);
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Masking');
  await expect(page.getByRole('alert')).toHaveCount(0);
});
