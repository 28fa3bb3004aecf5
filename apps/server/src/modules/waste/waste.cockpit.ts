// The cockpit's 建筑垃圾 theme (issue 16 §1; docs/cockpit.md, docs/waste.md): trajectory clues found by the daily
// analysis, confirmed into cases or dismissed, and those still open. Facts: migration 067, cockpit_waste_facts.
import { registerCockpitTheme } from '../cockpit/index.ts';

const clues = () => '/waste-clues';

export function registerWasteTheme(): void {
  registerCockpitTheme({
    id: 'waste',
    name: '建筑垃圾',
    nameEn: 'Construction waste',
    permission: 'waste:read',
    order: 60,
    headline: 'waste.clues',
    kpis: [
      {
        key: 'waste.clues',
        name: '轨迹线索',
        nameEn: 'Trajectory clues',
        unit: 'count',
        num: ['waste.clues'],
        definition: '轨迹分析发现的线索数（未到消纳场、偏离线路、异常停留、无证运输），按线索日期所在月份计入区局。',
        definitionEn:
          'Clues from the trajectory analysis (no arrival, deviation, stop, no permit), in the month of the clue’s day, for the bureau.',
        source: 'waste_clues',
        list: clues,
        trend: true,
      },
      {
        key: 'waste.confirmed',
        name: '核实立案',
        nameEn: 'Confirmed into cases',
        unit: 'count',
        num: ['waste.confirmed'],
        definition: '核实后登记为案件的线索数，按线索日期所在月份计。',
        definitionEn: 'Clues confirmed and registered as cases, in the month of the clue’s day.',
        source: 'waste_clues.status',
        list: clues,
        trend: true,
      },
      {
        key: 'waste.confirm_rate',
        name: '线索核实率',
        nameEn: 'Confirmation rate',
        unit: 'percent',
        num: ['waste.confirmed'],
        den: ['waste.decided'],
        definition: '已处理线索中核实立案的比例（不含未处理的线索）。',
        definitionEn: 'Of the clues decided, the share confirmed (open clues are left out).',
        source: 'waste_clues.status',
      },
      {
        key: 'waste.open_now',
        name: '待处理线索',
        nameEn: 'Open clues',
        unit: 'count',
        num: ['waste.open_now'],
        stock: true,
        definition: '当前尚未核实或排除的线索数。',
        definitionEn: 'Clues neither confirmed nor dismissed now.',
        source: 'waste_clues.status',
        list: clues,
      },
    ],
  });
}
