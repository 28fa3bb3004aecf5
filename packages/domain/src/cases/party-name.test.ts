import { describe, expect, it } from 'vitest';
import { organisationWordInPersonName } from './party-name.ts';

describe('organisationWordInPersonName', () => {
  it.each([
    ['上海某某餐饮管理有限公司', '公司'],
    ['某某实业集团', '集团'],
    ['浦东新区某某五金厂', '厂'],
    ['老王水果店', '店'],
    ['某某文化传播中心', '中心'],
    ['某某蔬菜专业合作社', '合作社'],
    ['某某律师事务所', '事务所'],
    ['某某商行', '商行'],
    ['某某设计工作室', '工作室'],
    ['某某科技有限责任', '有限'],
    ['Acme Trading Co., Ltd.', 'Ltd.'],
  ])('%s looks like an organisation (%s)', (name, word) => {
    expect(organisationWordInPersonName(name)).toBe(word);
  });

  it.each(['张三', '欧阳娜娜', '  李 四 ', '', '阿卜杜热合曼·买买提'])('%s looks like a person', (name) => {
    expect(organisationWordInPersonName(name)).toBeNull();
  });
});
