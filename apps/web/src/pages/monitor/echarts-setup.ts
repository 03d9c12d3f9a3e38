/**
 * Only the parts of ECharts the monitor draws (bars, lines, axes, tooltip, legend, policy line, canvas):
 * the full package is several times larger. Imported dynamically, so it loads after the tables.
 */
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

export { echarts };
export type { ComposeOption } from 'echarts/core';
