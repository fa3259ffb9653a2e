// web/input in a real Chromium, without the game: e2e/pages/input.html attaches InputCapture to a
// div and records every frame it sends in window.inputFrames.

import { test, expect, type Page } from '@playwright/test';
import type { InputFrame } from '../web/engine/InputFrame.ts';

const idle: InputFrame = { stickX: 0, stickY: 0, buttons: 0, pointer: null };

const frames = (page: Page) => page.evaluate(() => window.inputFrames);
const lastFrame = async (page: Page) => (await frames(page)).at(-1);
const frameCount = (page: Page) => page.evaluate(() => window.inputFrames.length);

async function open(page: Page, touch: 'auto' | 'on' | 'off' = 'auto') {
  await page.goto(`/e2e/pages/input.html?touch=${touch}`);
  await page.waitForFunction(() => window.inputCapture !== undefined);
}

async function gameBox(page: Page) {
  const box = await page.locator('#game').boundingBox();
  if (!box) throw new Error('#game has no box');
  return box;
}

test.describe('desktop', () => {
  test('keyboard: normalised diagonals, dash, one frame per change', async ({ page }) => {
    await open(page);
    await page.locator('#game').focus();

    await page.keyboard.down('KeyW');
    await page.keyboard.down('KeyD');
    expect(await lastFrame(page)).toEqual({ stickX: 90, stickY: 90, buttons: 0, pointer: null });
    await page.keyboard.down('ArrowLeft'); // cancels D
    expect(await lastFrame(page)).toEqual({ stickX: 0, stickY: 127, buttons: 0, pointer: null });
    await page.keyboard.up('ArrowLeft');
    await page.keyboard.up('KeyW');
    await page.keyboard.up('KeyD');
    expect(await lastFrame(page)).toEqual(idle);

    await page.keyboard.down('Space');
    expect(await lastFrame(page)).toEqual({ ...idle, buttons: 1 });
    await page.keyboard.up('Space');
    expect(await lastFrame(page)).toEqual(idle);

    // Held for 500 ms, auto-repeats included: one frame when pressed, none while held.
    const before = await frameCount(page);
    await page.keyboard.down('KeyS');
    for (let i = 0; i < 5; i++) {
      await page.waitForTimeout(100);
      await page.keyboard.down('KeyS'); // Playwright sends a held key again with repeat: true
    }
    expect(await frameCount(page)).toBe(before + 1);
    expect(await lastFrame(page)).toEqual({ ...idle, stickY: -127 });

    // Losing focus releases held keys (their keyup would go elsewhere).
    await page.evaluate(() => document.getElementById('game')!.blur());
    expect(await lastFrame(page)).toEqual(idle);
    await page.keyboard.up('KeyS');
  });

  test('keyboard: HUD toggles once per press; only bound keys are claimed', async ({ page }) => {
    await open(page);
    await page.locator('#game').focus();
    await page.evaluate(() => {
      (window as unknown as { prevented: Record<string, boolean> }).prevented = {};
      window.addEventListener('keydown', (e) => {
        (window as unknown as { prevented: Record<string, boolean> }).prevented[e.code] = e.defaultPrevented;
      });
    });
    const countBefore = await frameCount(page);
    await page.keyboard.down('KeyH');
    await page.keyboard.down('KeyH'); // repeat
    await page.keyboard.up('KeyH');
    expect(await page.evaluate(() => window.hudToggles)).toBe(1);
    expect(await frameCount(page), 'the HUD key is not game input').toBe(countBefore);

    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('KeyQ');
    await page.keyboard.press('Tab');
    const prevented = await page.evaluate(() => (window as unknown as { prevented: Record<string, boolean> }).prevented);
    expect(prevented).toEqual({ KeyH: true, ArrowDown: true, KeyQ: false, Tab: false });
    expect(await page.evaluate(() => document.activeElement?.id), 'Tab moved focus on').not.toBe('game');
  });

  test('keyboard: setBindings replaces actions and rejects bad bindings', async ({ page }) => {
    await open(page);
    await page.locator('#game').focus();
    await page.evaluate(() => window.inputCapture.setBindings({ up: ['KeyI'] }));
    await page.keyboard.down('KeyW');
    expect(await frameCount(page), 'W is no longer bound').toBe(0);
    await page.keyboard.down('KeyI');
    expect(await lastFrame(page)).toEqual({ ...idle, stickY: 127 });
    await page.keyboard.up('KeyI');
    await page.keyboard.up('KeyW');

    const errors = await page.evaluate(() => {
      const attempt = (b: unknown) => {
        try {
          window.resolveBindings(b as never);
          return 'ok';
        } catch (e) {
          return `${(e as Error).name}: ${(e as Error).message}`;
        }
      };
      return [attempt({ dash: [] }), attempt({ left: 'KeyA' }), attempt({ jump: ['KeyJ'] }), attempt({ hud: ['KeyG'] })];
    });
    expect(errors[0]).toMatch(/^TypeError: .*"dash"/);
    expect(errors[1]).toMatch(/^TypeError: .*"left"/);
    expect(errors[2]).toMatch(/^TypeError: .*"jump"/);
    expect(errors[3]).toBe('ok');
  });

  test('arrow keys and Space do not scroll the page while the game has focus', async ({ page }) => {
    await open(page);
    await page.locator('#game').focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
    await page.waitForTimeout(200); // smooth scrolling would land by now
    expect(await page.evaluate(() => window.scrollY)).toBe(0);

    // The same keys do scroll this page when the game lacks focus, so the check above can fail.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
  });

  test('pointer: NDC while the left button is held, right button dashes', async ({ page }) => {
    await open(page);
    const box = await gameBox(page);
    await page.mouse.move(box.x + box.width * 0.75, box.y + box.height * 0.25);
    await page.mouse.down();
    expect(await page.evaluate(() => document.activeElement?.id), 'pressing focuses the game').toBe('game');
    let pointer = (await lastFrame(page))?.pointer;
    expect(pointer?.x).toBeCloseTo(0.5, 1.5);
    expect(pointer?.y).toBeCloseTo(0.5, 1.5);
    expect(Math.abs(pointer!.x - 0.5)).toBeLessThanOrEqual(0.02);
    expect(Math.abs(pointer!.y - 0.5)).toBeLessThanOrEqual(0.02);

    await page.mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.9);
    pointer = (await lastFrame(page))?.pointer;
    expect(Math.abs(pointer!.x + 0.8)).toBeLessThanOrEqual(0.02);
    expect(Math.abs(pointer!.y + 0.8)).toBeLessThanOrEqual(0.02);

    await page.mouse.move(box.x + box.width + 200, box.y - 200); // captured outside: clamped
    expect((await lastFrame(page))?.pointer).toEqual({ x: 1, y: 1 });

    await page.mouse.up();
    expect(await lastFrame(page)).toEqual(idle);

    // Moving without a button pressed is no input.
    const count = await frameCount(page);
    await page.mouse.move(box.x + 10, box.y + 10);
    expect(await frameCount(page)).toBe(count);

    await page.evaluate(() => {
      window.addEventListener('contextmenu', (e) => {
        (window as unknown as { menuPrevented: boolean }).menuPrevented = e.defaultPrevented;
      });
    });
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down({ button: 'right' });
    expect(await lastFrame(page)).toEqual({ ...idle, buttons: 1 });
    await page.mouse.up({ button: 'right' });
    expect(await lastFrame(page)).toEqual(idle);
    expect(await page.evaluate(() => (window as unknown as { menuPrevented?: boolean }).menuPrevented)).toBe(true);
  });

  test('touch controls: none on a mouse-only desktop in auto, shown when forced on', async ({ page }) => {
    await open(page, 'auto');
    await expect(page.locator('.tessera-touch-controls')).toHaveCount(0);
    await open(page, 'on');
    await expect(page.locator('.tessera-dash')).toBeVisible();
    await expect(page.locator('.tessera-joystick'), 'the stick shows only under a finger').toBeHidden();
  });

  test('destroy removes the overlay and every listener', async ({ page }) => {
    await open(page, 'on');
    await page.evaluate(() => window.inputCapture.destroy());
    await expect(page.locator('.tessera-touch-controls')).toHaveCount(0);
    expect(await page.evaluate(() => document.getElementById('game')!.hasAttribute('tabindex'))).toBe(false);
    await page.evaluate(() => document.getElementById('game')!.setAttribute('tabindex', '-1'));
    await page.locator('#game').focus();
    await page.keyboard.down('KeyW');
    const box = await gameBox(page);
    await page.mouse.click(box.x + 20, box.y + 20);
    expect(await frameCount(page)).toBe(0);
  });
});

test.describe('gamepad', () => {
  test('readGamepad maps the standard layout', async ({ page }) => {
    await open(page);
    const results = await page.evaluate(() => {
      const pad = (axes: number[], pressed: number[] = []) => ({
        axes,
        buttons: Array.from({ length: 17 }, (_, i) => ({ pressed: pressed.includes(i) })),
      });
      const read = (axes: number[], pressed?: number[]) => window.readGamepad(pad(axes, pressed));
      return {
        rest: read([0, 0, 0, 0]),
        drift: read([0.1, -0.1, 0, 0]),
        pushedUp: read([0, -1, 0, 0]),
        pushedDownRight: read([0.7071, 0.7071, 0, 0]),
        partway: read([0.64, 0, 0, 0]),
        rightStickIgnored: read([0, 0, 1, 1]),
        dpadUp: read([0, 0], [12]),
        dpadDownLeft: read([0, 0], [13, 14]),
        a: read([0, 0], [0]),
        rb: read([0, 0], [5]),
        rt: read([0, 0], [7]),
        b: read([0, 0], [1]),
        short: window.readGamepad({ axes: [], buttons: [] }),
      };
    });
    expect(results.rest).toEqual({ stickX: 0, stickY: 0, buttons: 0 });
    expect(results.drift, 'inside the radial dead zone').toEqual({ stickX: 0, stickY: 0, buttons: 0 });
    expect(results.pushedUp, 'gamepad -y is up').toEqual({ stickX: 0, stickY: 127, buttons: 0 });
    expect(results.pushedDownRight).toEqual({ stickX: 90, stickY: -90, buttons: 0 });
    expect(results.partway, 'ramps from the dead zone edge: (0.64 - 0.15) / 0.85 of full').toEqual({ stickX: 73, stickY: 0, buttons: 0 });
    expect(results.rightStickIgnored).toEqual({ stickX: 0, stickY: 0, buttons: 0 });
    expect(results.dpadUp).toEqual({ stickX: 0, stickY: 127, buttons: 0 });
    expect(results.dpadDownLeft).toEqual({ stickX: -90, stickY: -90, buttons: 0 });
    expect([results.a.buttons, results.rb.buttons, results.rt.buttons, results.b.buttons]).toEqual([1, 1, 1, 0]);
    expect(results.short).toEqual({ stickX: 0, stickY: 0, buttons: 0 });
  });

  test('polls only while a pad is connected', async ({ page }) => {
    // A scripted navigator.getGamepads stands in for a real pad.
    await page.addInitScript(() => {
      const w = window as unknown as { fakePads: unknown[]; padReads: number };
      w.fakePads = [];
      w.padReads = 0;
      Object.defineProperty(Navigator.prototype, 'getGamepads', {
        configurable: true,
        value: () => {
          w.padReads++;
          return w.fakePads;
        },
      });
    });
    await open(page);
    const reads = () => page.evaluate(() => (window as unknown as { padReads: number }).padReads);
    await page.waitForTimeout(200);
    expect(await reads(), 'one look at start, no loop without a pad').toBe(1);

    await page.evaluate(() => {
      const buttons = Array.from({ length: 17 }, (_, i) => ({ pressed: i === 0 }));
      (window as unknown as { fakePads: unknown[] }).fakePads =
        [null, { connected: true, mapping: 'standard', axes: [1, 0, 0, 0], buttons }];
      window.dispatchEvent(new Event('gamepadconnected'));
    });
    await expect.poll(() => lastFrame(page)).toEqual({ stickX: 127, stickY: 0, buttons: 1, pointer: null });
    const held = await frameCount(page);
    const readsHeld = await reads();
    await expect.poll(reads, { message: 'polled every animation frame', timeout: 10_000 }).toBeGreaterThan(readsHeld + 5);
    expect(await frameCount(page), 'a steady pad sends nothing').toBe(held);

    await page.evaluate(() => {
      (window as unknown as { fakePads: unknown[] }).fakePads = [null, null];
      window.dispatchEvent(new Event('gamepaddisconnected'));
    });
    expect(await lastFrame(page)).toEqual(idle);
    const stopped = await reads();
    await page.waitForTimeout(300);
    expect(await reads(), 'the loop stops with the last pad').toBe(stopped);
  });
});

test.describe('touch', () => {
  test.use({ hasTouch: true, isMobile: true, viewport: { width: 390, height: 844 } });

  test('floating joystick and dash button', async ({ page }) => {
    await open(page, 'auto');
    await expect(page.locator('.tessera-touch-controls'), 'auto shows the controls on a touch device').toBeVisible();
    await expect(page.locator('.tessera-dash')).toBeVisible();
    await expect(page.locator('.tessera-joystick')).toBeHidden();

    const box = await gameBox(page);
    const cdp = await page.context().newCDPSession(page);
    const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', touchPoints: { x: number; y: number; id: number }[]) =>
      cdp.send('Input.dispatchTouchEvent', { type, touchPoints });
    const start = { x: Math.round(box.x + box.width * 0.3), y: Math.round(box.y + box.height * 0.5), id: 1 };

    await touch('touchStart', [start]);
    await expect(page.locator('.tessera-joystick'), 'the stick appears under the finger').toBeVisible();
    const baseBox = await page.locator('.tessera-joystick').boundingBox();
    expect(Math.abs(baseBox!.x + baseBox!.width / 2 - start.x)).toBeLessThanOrEqual(1);
    expect(Math.abs(baseBox!.y + baseBox!.height / 2 - start.y)).toBeLessThanOrEqual(1);
    expect(await frameCount(page), 'touching without moving is no input').toBe(0);

    await touch('touchMove', [{ ...start, x: start.x + 80, y: start.y - 30 }]);
    await expect.poll(() => lastFrame(page)).toMatchObject({ buttons: 0, pointer: null });
    const moved = (await lastFrame(page))!;
    expect(moved.stickX).toBeGreaterThan(100);
    expect(moved.stickY).toBeGreaterThan(0);
    expect(Math.hypot(moved.stickX, moved.stickY)).toBeGreaterThan(125);

    await touch('touchMove', [{ ...start, x: start.x + 3, y: start.y }]); // inside the dead zone
    await expect.poll(() => lastFrame(page)).toEqual(idle);
    await touch('touchMove', [{ ...start, x: start.x, y: start.y + 200 }]); // beyond the radius: full
    await expect.poll(() => lastFrame(page)).toEqual({ ...idle, stickY: -127 });

    // A second finger on the dash button while the first one steers.
    const dashBox = (await page.locator('.tessera-dash').boundingBox())!;
    const dash = { x: Math.round(dashBox.x + dashBox.width / 2), y: Math.round(dashBox.y + dashBox.height / 2), id: 2 };
    await touch('touchStart', [{ ...start, x: start.x, y: start.y + 200 }, dash]);
    await expect.poll(() => lastFrame(page)).toEqual({ ...idle, stickY: -127, buttons: 1 });
    await touch('touchEnd', []);
    await expect.poll(() => lastFrame(page)).toEqual(idle);
    await expect(page.locator('.tessera-joystick')).toBeHidden();

    // The right 40% outside the dash button starts no stick.
    const count = await frameCount(page);
    await touch('touchStart', [{ x: Math.round(box.x + box.width * 0.8), y: Math.round(box.y + 40), id: 3 }]);
    await touch('touchMove', [{ x: Math.round(box.x + box.width * 0.8) - 60, y: Math.round(box.y + 40), id: 3 }]);
    await touch('touchEnd', []);
    await page.waitForTimeout(100);
    expect(await frameCount(page)).toBe(count);
    expect(await page.evaluate(() => window.scrollY), 'touch drags on the game do not scroll').toBe(0);
  });
});
