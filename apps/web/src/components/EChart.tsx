import { useEffect, useRef } from 'react';
import * as echarts from 'echarts';

/** A map registered once per name (GeoJSON); ECharts draws the choropleth from it. */
export function registerGeo(name: string, geoJson: unknown): void {
  echarts.registerMap(name, geoJson as Parameters<typeof echarts.registerMap>[1]);
}

/** An ECharts chart in a div: created once, its option replaced on change, resized with its box, disposed on unmount. */
export function EChart({
  option,
  height = 280,
  onClick,
  testId,
  theme,
}: {
  option: echarts.EChartsCoreOption;
  height?: number | string;
  onClick?: (params: { name?: string; data?: unknown }) => void;
  testId?: string;
  theme?: 'dark';
}) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const click = useRef(onClick);
  click.current = onClick;
  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, theme ?? null, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (p) => click.current?.(p as { name?: string; data?: unknown }));
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, [theme]);
  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);
  return <div ref={el} style={{ width: '100%', height }} data-testid={testId} />;
}
