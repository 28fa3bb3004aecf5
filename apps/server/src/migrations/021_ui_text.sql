-- 021 Text on screen in Chinese (docs/ui-text.md): the stored first configuration version was written with the
-- developers' notes as the sources of its values (file names, English). Each source still equal to that text, and the
-- version's note, are replaced by the Chinese descriptions of SHANGHAI_DEFAULTS; a source an administrator wrote is
-- left as it is.
UPDATE law_config_versions
   SET note = '上海市默认值（每项附来源与核实标记）'
 WHERE note = 'SHANGHAI_DEFAULTS（上海默认值，每项附来源与核实标记）';

UPDATE law_config_versions
   SET config = jsonb_set(config, '{sources,ageCountsFromDayAfterBirthday,source}', to_jsonb('参照《最高人民法院关于审理未成年人刑事案件具体应用法律若干问题的解释》第二条的通行做法（周岁自生日次日起算）'::text))
 WHERE config #>> '{sources,ageCountsFromDayAfterBirthday,source}' = '最高法 未成年人刑事案件解释 Art. 2 (convention)';
UPDATE law_config_versions
   SET config = jsonb_set(config, '{sources,businessPublicationYears,source}', to_jsonb('《上海市优化营商环境条例》第六十五条；个体工商户属于经营主体：《中华人民共和国市场主体登记管理条例》第二条第四项'::text))
 WHERE config #>> '{sources,businessPublicationYears,source}' = '上海市优化营商环境条例 Art. 65 (LEGAL-RULES.md 5.4.3); 个体工商户 as 经营主体: 市场主体登记管理条例 Art. 2(四)';
UPDATE law_config_versions
   SET config = jsonb_set(config, '{sources,complaintHotline,source}', to_jsonb('参照静安区大宁路街道2019年公布的办理时限（1、3、5、15个工作日）'::text))
 WHERE config #>> '{sources,complaintHotline,source}' = 'LEGAL-RULES.md 5.8.2 (大宁路街道 2019)';
UPDATE law_config_versions
   SET config = jsonb_set(config, '{sources,confiscationHearingThresholdFen,source}', to_jsonb('参照本市重大执法决定法制审核标准中“相应数额以上的没收违法所得、没收非法财物”，同时作为法制审核的数额标准'::text))
 WHERE config #>> '{sources,confiscationHearingThresholdFen,source}' = 'LEGAL-RULES.md 5.5.1 「相应数额以上的没收违法所得、没收非法财物」 / 5.5.3; also the E1 法制审核 threshold';
UPDATE law_config_versions
   SET config = jsonb_set(config, '{sources,disclosureWorkingDays,source}', to_jsonb('参照国办发〔2018〕118号的公开报道（执法决定作出之日起7个工作日内公开）'::text))
 WHERE config #>> '{sources,disclosureWorkingDays,source}' = 'LEGAL-RULES.md 8.1 (国办发〔2018〕118号, news report)';
UPDATE law_config_versions
   SET config = jsonb_set(config, '{sources,filingWorkingDays,source}', to_jsonb('《中华人民共和国行政处罚法》第五十四条只要求“及时立案”；采用常用期限（7个工作日），有待核实'::text))
 WHERE config #>> '{sources,filingWorkingDays,source}' = 'LEGAL-RULES.md §10 C2, 5.5.5 — unverified default';
UPDATE law_config_versions
   SET config = jsonb_set(config, '{sources,hearingThresholdFen,source}', to_jsonb('本市听证“较大数额”标准未查到；参照本市重大执法决定法制审核标准（个人5000元以上、法人或者其他组织5万元以上），同时作为法制审核的数额标准'::text))
 WHERE config #>> '{sources,hearingThresholdFen,source}' = 'LEGAL-RULES.md 5.5.3 (proxy from 5.5.1, P: 个人5000元以上、法人或者其他组织5万元以上); also the E1 法制审核 threshold';
UPDATE law_config_versions
   SET config = jsonb_set(config, '{sources,majorCaseRule,source}', to_jsonb('本市重大案件、情节复杂案件的认定标准未查到；暂按听证数额标准及吊销、停产停业等处罚认定，有待核实'::text))
 WHERE config #>> '{sources,majorCaseRule,source}' = 'LEGAL-RULES.md 5.5.4 — not found';
UPDATE law_config_versions
   SET config = jsonb_set(config, '{sources,naturalPersonPublicationYears,source}', to_jsonb('法律未规定；依《中华人民共和国个人信息保护法》第十九条、第三十四条（最短必要期限），参照本市区级落实国办发〔2018〕118号的规定，自然人公示2年'::text))
 WHERE config #>> '{sources,naturalPersonPublicationYears,source}' = 'No statute; 个人信息保护法 Art. 19, 34 (shortest necessary); 2 years for natural persons in a district rule implementing 国办发〔2018〕118号 (LEGAL-RULES.md 8.6)';
UPDATE law_config_versions
   SET config = jsonb_set(config, '{sources,publicNoticeServiceDays,source}', to_jsonb('《上海市城市管理行政执法条例》第二十五条'::text))
 WHERE config #>> '{sources,publicNoticeServiceDays,source}' = '上海市城市管理行政执法条例 Art. 25 (LEGAL-RULES.md 5.1.11)';
UPDATE law_config_versions
   SET config = jsonb_set(config, '{sources,shanghaiLegalReviewAdditions,source}', to_jsonb('参照《上海市城市管理综合行政执法重大执法决定法制审核办法》第三条及街道法制审核清单'::text))
 WHERE config #>> '{sources,shanghaiLegalReviewAdditions,source}' = 'LEGAL-RULES.md 5.5.1–5.5.2';
UPDATE law_config_versions
   SET config = jsonb_set(config, '{sources,statementPeriodWorkingDays,source}', to_jsonb('法律未规定陈述申辩期限；采用本市常用做法（3个工作日），有待核实'::text))
 WHERE config #>> '{sources,statementPeriodWorkingDays,source}' = 'LEGAL-RULES.md §10 D2, §9 item 3';
