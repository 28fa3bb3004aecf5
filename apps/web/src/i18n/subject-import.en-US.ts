import type { subjectImportZhCN } from './subject-import.zh-CN.ts';

export const subjectImportEnUS: Record<keyof typeof subjectImportZhCN, string> = {
  'menu.subjectImport': 'Import',
  'subjectImport.bureau': 'Import into district bureau',
  'subjectImport.bureauHint':
    'The subjects of the list are registered in the chosen bureau, each in the squad whose service area holds its point',
  'subjectImport.pickBureau': 'Choose the district bureau',
  'subjectImport.file': 'List file',
  'subjectImport.fileHint':
    '.xlsx or .csv; the first row names the columns in Chinese: 名称, 类型, 统一社会信用代码, 身份证号, 车牌, 地址, 经度, 纬度, 联系人, 电话, 证照类型, 证照编号, 发证日期, 有效期至, 标签',
  'subjectImport.drop': 'Click or drop a file here',
  'subjectImport.pickFile': 'Choose a file first',
  'subjectImport.check': 'Upload and check',
  'subjectImport.uploading': 'Uploading {percent}%',
  'subjectImport.checking': 'Checking: {n} rows read',
  'subjectImport.checked': 'Checked: {total} rows, {valid} to import, {invalid} with errors, {duplicate} possible duplicates',
  'subjectImport.failed': 'The check did not finish: {reason}',
  'subjectImport.commit': 'Import',
  'subjectImport.committing': 'Importing: {n} of {total} rows',
  'subjectImport.committed':
    'Imported {n} rows; {duplicate} possible duplicates go to the merge review, {invalid} rows with errors were left out',
  'subjectImport.nothingToCommit': 'No row can be imported',
  'subjectImport.report': 'Download the check report',
  'subjectImport.problems': 'Check report',
  'subjectImport.row': 'Row',
  'subjectImport.name': 'Name',
  'subjectImport.column': 'Column',
  'subjectImport.problem': 'Problem',
  'subjectImport.kind': 'Handling',
  'subjectImport.kind.invalid': 'Left out: correct it',
  'subjectImport.kind.duplicate': 'To the merge review',
  'subjectImport.noProblems': 'No problem found',
  'subjectImport.newFile': 'Import another file',
};
