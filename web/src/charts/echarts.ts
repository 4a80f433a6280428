// The parts of Apache ECharts the dashboard uses, registered once: line and bar charts on a
// grid with tooltips and legends, drawn on a canvas. Importing from 'echarts/core' keeps the
// rest out of the bundle. The canvas renderer needs no inline scripts or styles, so the
// dashboard's strict Content-Security-Policy holds; tooltips are drawn on the canvas too
// (renderMode 'richText'), never as HTML, so no label can inject markup.
import { BarChart, LineChart } from 'echarts/charts';
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import { init, use } from 'echarts/core';
import type { ComposeOption, ECharts } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

export type { ECharts };

export function createChart(element: HTMLElement): ECharts {
  return init(element, undefined, { renderer: 'canvas' });
}

// The colours of the stylesheet (styles/base.css), for the canvas.
export const COLORS = {
  primary: '#1f5fbf',
  band: 'rgba(31, 95, 191, 0.18)',
  negative: '#b42323',
  neutral: '#8a93a3',
  positive: '#23804a',
  text: '#1a1f2b',
  muted: '#4f5868',
  line: '#d5dae2',
};
