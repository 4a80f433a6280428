// The numbers of a chart as a table, for screen readers and keyboards (a canvas is neither):
// folded under the chart, each row's first cell a link to the feedback behind it.
import { Link } from 'react-router';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider';

export interface ChartTableRow {
  key: string;
  label: string;
  cells: ReactNode[];
  href?: string;
}

interface Props {
  caption: string;
  columns: string[];  // the first names the label column
  rows: ChartTableRow[];
  testId: string;
}

export function ChartTable({ caption, columns, rows, testId }: Props) {
  const { t } = useI18n();
  return (
    <details className="chart-table">
      <summary>{t('chart.showTable')}</summary>
      <table data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>{columns.map((column) => <th key={column} scope="col">{column}</th>)}</tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} data-key={row.key}>
              <th scope="row">{row.href ? <Link to={row.href}>{row.label}</Link> : row.label}</th>
              {row.cells.map((cell, index) => <td key={index}>{cell}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
