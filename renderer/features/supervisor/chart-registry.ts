import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';

/**
 * Chart.js with only what the workload charts draw (bars and lines on a category × linear grid),
 * so the rest tree-shakes away. Loaded on demand (use-chart.ts): agents, who never open the
 * panel, never download it.
 */
Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip);

export { Chart };
