import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';

export type SignaturePadHandle = { clear(): void; isEmpty(): boolean; toPngBase64(): string };

/** A drawn signature (finger or mouse) on a canvas, exported as PNG. */
export const SignaturePad = forwardRef<SignaturePadHandle, { testId?: string }>(function SignaturePad({ testId }, ref) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawn = useRef(false);

  useEffect(() => {
    const c = canvas.current;
    if (!c) return;
    const ctx = c.getContext('2d')!;
    // Sized to its box; again at the first stroke when it was mounted unlaid-out (inside an opening dialog) at 0 × 0.
    const fit = () => {
      const ratio = window.devicePixelRatio || 1;
      c.width = c.clientWidth * ratio;
      c.height = c.clientHeight * ratio;
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.lineWidth = 2.5;
      ctx.lineCap = 'round';
      ctx.lineJoin = 'round';
      ctx.strokeStyle = '#111';
    };
    fit();
    let down = false;
    const at = (e: PointerEvent) => {
      const r = c.getBoundingClientRect();
      return [e.clientX - r.left, e.clientY - r.top] as const;
    };
    const start = (e: PointerEvent) => {
      if (c.width === 0 || c.height === 0) fit();
      down = true;
      c.setPointerCapture(e.pointerId);
      const [x, y] = at(e);
      ctx.beginPath();
      ctx.moveTo(x, y);
    };
    const move = (e: PointerEvent) => {
      if (!down) return;
      const [x, y] = at(e);
      ctx.lineTo(x, y);
      ctx.stroke();
      drawn.current = true;
    };
    const end = () => {
      down = false;
    };
    c.addEventListener('pointerdown', start);
    c.addEventListener('pointermove', move);
    c.addEventListener('pointerup', end);
    c.addEventListener('pointercancel', end);
    return () => {
      c.removeEventListener('pointerdown', start);
      c.removeEventListener('pointermove', move);
      c.removeEventListener('pointerup', end);
      c.removeEventListener('pointercancel', end);
    };
  }, []);

  useImperativeHandle(ref, () => ({
    clear() {
      const c = canvas.current;
      if (!c) return;
      c.getContext('2d')!.clearRect(0, 0, c.width, c.height);
      drawn.current = false;
    },
    isEmpty: () => !drawn.current,
    toPngBase64: () => canvas.current!.toDataURL('image/png').replace(/^data:image\/png;base64,/, ''),
  }));

  return <canvas ref={canvas} className="portal-signature" data-testid={testId} />;
});
