// Strings of 中队责任区 (a squad's service area on the org page); spread into zh-CN.ts.
export const orgAreaZhCN = {
  'orgArea.button': '责任区',
  'orgArea.title': '{name}责任区',
  'orgArea.none': '该中队尚未设定责任区：粘贴或读取边界文件后预览、保存',
  'orgArea.mapUnavailable': '暂时无法显示地图，仍可粘贴边界、预览和保存',
  'orgArea.legend': '蓝线为已保存的责任区，橙色为正在编辑的边界',
  'orgArea.streetName': '街镇名称',
  'orgArea.streetNameRequired': '请填写街镇名称',
  'orgArea.geometry': '边界（地理要素文本）',
  'orgArea.geometryHint': '面或多面（WGS-84 经纬度），也可粘贴含一个要素的要素或要素集合；首尾坐标须相同',
  'orgArea.geometryRequired': '请粘贴或读取边界',
  'orgArea.notJson': '不是有效的地理要素文本',
  'orgArea.readFile': '读取边界文件',
  'orgArea.preview': '预览区内对象',
  'orgArea.inside': '区内执法对象',
  'orgArea.joining': '其中将新归入本中队',
  'orgArea.leaving': '将移出本中队',
  'orgArea.saved': '责任区已保存，{n}个执法对象的所属中队随之调整',
} as const;

export type OrgAreaMessageKey = keyof typeof orgAreaZhCN;
