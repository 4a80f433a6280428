// One ECharts chart in a React tree: created on mount, given each new option, resized with its
// box, disposed on unmount. A click on a bar or point — or, for charts over categories, anywhere
// in a category's column — calls onSelect with what was clicked, so each screen decides where
// that leads (the drill-down). The canvas says nothing to a screen reader: callers pair it
// with a table of the same numbers (ChartTable).
//
// After each render the container's `data-hits` holds, for every target in `hits`, its
// position in CSS pixels inside the container ([x, y]), and `data-ready` is "true" — what
// browser tests click at.
import { useEffect, useRef } from 'react';
import { createChart } from './echarts';
import type { ChartOption, ECharts } from './echarts';

// Where a clickable target is drawn, in the data coordinates of its series: for a chart over
// categories, [category index, value] (x-axis categories) or [value, category index] (y-axis).
export interface ChartHit {
  seriesIndex: number;
  coord: [number, number];
}

export interface ChartTarget {
  dataIndex: number;
  // null when the click fell in a category's column but not on a series' shape.
  seriesIndex: number | null;
}

interface Props {
  option: ChartOption;
  label: string;
  testId: string;
  categoryAxis?: 'x' | 'y';
  hits?: ChartHit[];
  onSelect?: (target: ChartTarget) => void;
}

function hitPositions(chart: ECharts, hits: ChartHit[]): ([number, number] | null)[] {
  return hits.map((hit) => {
    const pixel = chart.convertToPixel({ seriesIndex: hit.seriesIndex }, hit.coord) as number[] | undefined;
    return pixel && pixel.every(Number.isFinite) ? [Math.round(pixel[0]), Math.round(pixel[1])] : null;
  });
}

export function EChart({ option, label, testId, categoryAxis, hits = [], onSelect }: Props) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  // The latest props, for handlers bound once.
  const latest = useRef({ hits, onSelect, categoryAxis });
  useEffect(() => {
    latest.current = { hits, onSelect, categoryAxis };
  });

  useEffect(() => {
    const container = element.current;
    if (!container) return undefined;
    const instance = createChart(container);
    chart.current = instance;
    let seriesClicked = false;
    instance.on('click', (params) => {
      if (params.componentType !== 'series' || typeof params.dataIndex !== 'number') return;
      seriesClicked = true;
      latest.current.onSelect?.({ dataIndex: params.dataIndex, seriesIndex: params.seriesIndex ?? null });
    });
    // Series clicks are handled above; this catches clicks beside a thin line or a short bar.
    instance.getZr().on('click', (event) => {
      window.setTimeout(() => {
        const handled = seriesClicked;
        seriesClicked = false;
        const { categoryAxis: axis, onSelect: select } = latest.current;
        if (handled || !axis || !select || instance.isDisposed()) return;
        const point = [event.offsetX, event.offsetY];
        if (!instance.containPixel('grid', point)) return;
        const value = instance.convertFromPixel({ seriesIndex: 0 }, point) as number[] | undefined;
        const index = value ? Math.round(value[axis === 'x' ? 0 : 1]) : NaN;
        if (Number.isInteger(index) && index >= 0) select({ dataIndex: index, seriesIndex: null });
      }, 0);
    });
    instance.on('finished', () => {
      container.dataset.hits = JSON.stringify(hitPositions(instance, latest.current.hits));
      container.dataset.ready = 'true';
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(container);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (element.current) element.current.dataset.ready = 'false';
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return (
    <div ref={element} className={onSelect ? 'chart is-clickable' : 'chart'} role="img" aria-label={label}
         data-testid={testId} />
  );
}
