// Strings of the maps (地点、定位、区界); spread into zh-CN.ts.
export const mapZhCN = {
  'map.field': '地图位置',
  'map.locate': '获取当前位置',
  'map.clear': '清除位置',
  'map.hint': '可点击“获取当前位置”，或在地图上点选地点；拖动标记可微调',
  'map.coords': '经度 {lon}°，纬度 {lat}°',
  'map.fromDevice': '手机定位',
  'map.fromDeviceAccuracy': '手机定位，精度约 {m} 米',
  'map.fromMap': '地图选点',
  'map.inDistrict': '位于{name}',
  'map.noDistrict': '不在本市各区范围内',
  'map.outsideBureau': '该地点{where}，不在本局辖区（{bureau}）内，请核实',
  'map.outsideCity': '该地点不在本市范围内，保存时将被拒绝，请重新定位或在地图上选点',
  'map.denied': '未获得定位授权：可在浏览器设置中允许本网站使用位置信息，或直接在地图上点选地点',
  'map.unavailable': '暂时无法获取当前位置，请稍后重试，或直接在地图上点选地点',
  'map.unsupported': '此浏览器不支持定位，请在地图上点选地点',
  'map.noWebgl': '此浏览器无法显示地图，仍可获取当前位置并填写地址',
  'map.loadFailed': '地图数据加载失败，仍可填写地址',
  'map.boundariesOnly': '未配置底图：地图仅显示各区边界',
  'map.caseTitle': '案发地点',
  'map.capturedWgs84': '卫星定位坐标',
  'map.capturedGcj02': '由地图选点换算',
} as const;

export type MapMessageKey = keyof typeof mapZhCN;
