import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { ErrorText, Page } from '../../../../components/Page';
import { useSessionUser } from '../../../../components/hooks';
import { pageParam } from '../../../../services/links';
import { SpreadsheetPicker } from '../../../../components/file-picker';
import { useStagedImport } from '../../../../components/useStagedImport';
import { navigateBack, navigateTo } from '../../../../services/adapters/taro';
import { FIRE_PAGES, type FireAgencyImportView, type FireInstrumentImportView } from '../../../../services/fire/api';
import { AGENCY_IMPORT_COLUMNS, INSTRUMENT_IMPORT_COLUMNS } from '@cityloop/shared/fire-testing/fire.limits';
import { Card, Row } from '../../components/FireBits';
import { fireApi } from '../../fireApi';
import { WholeText } from '../../../../components/WholeText';
import '../../fire.scss';

type Problem = FireAgencyImportView['problems'][number];
type Preview = { key: string; label: string; good: boolean; note: string };

const previewOf = (r: FireAgencyImportView | FireInstrumentImportView): Preview[] =>
  'creditCode' in (r.preview[0] ?? {})
    ? (r as FireAgencyImportView).preview.map((a) => ({ key: a.creditCode, label: `第 ${a.row} 行 ${a.name}`, good: a.qualified, note: a.qualified ? '符合条件' : `待补充：${a.reasons.join('、')}` }))
    : (r as FireInstrumentImportView).preview.map((i) => ({ key: i.serial, label: `第 ${i.row} 行 ${i.type} ${i.serial}`, good: !i.expired, note: `有效期至 ${i.validUntil}${i.expired ? '（已超期）' : ''}` }));

/**
 * 批量导入:检测机构 of the regulator's city, or (with `agencyId`) one agency's 检测仪器. Choose an xlsx/CSV sheet,
 * check it (dry run: every problem by line and a preview, nothing written), then import — every row or none.
 */
export default function FireImportPage() {
  const agencyId = pageParam(useRouter().params.agencyId);
  const user = useSessionUser();
  const cityId = user?.roles?.find((r) => r.role === 'regulator')?.cityId ?? '';
  const unit = agencyId ? '台检测仪器' : '家检测机构';
  const staged = useStagedImport<Problem, FireAgencyImportView | FireInstrumentImportView>({
    send: (body) => (agencyId ? fireApi.importInstruments(agencyId, body) : fireApi.importAgencies({ ...body, cityId })),
    refusal: () => (!agencyId && !cityId ? '只有监管部门可以导入检测机构' : null),
    doneText: (n) => `已导入 ${n} ${unit}`,
  });
  const { file, dry, problems, error, done, busy } = staged;
  const preview = dry ? previewOf(dry) : [];
  const columns = (agencyId ? INSTRUMENT_IMPORT_COLUMNS : AGENCY_IMPORT_COLUMNS).map(([h]) => h).join('、');
  return (
    <Page>
      <Card title={agencyId ? '批量导入检测仪器' : '批量导入检测机构'}>
        <View className='fire-sub'>{`第 1 行为表头：${columns}。`}{agencyId ? <WholeText text='有效期至填 年-月-日（如 2027-06-30）或日期单元格。' /> : '执业范围填 维保检测 / 评估 / 维保检测+评估；条件列填“是”或“否”；镇街填镇街编号（可空）。'}</View>
      </Card>
      <Card>
        <SpreadsheetPicker id='fire-import' what={agencyId ? '仪器表格' : '机构表格'} file={file} onPick={staged.pick} onError={staged.setError} />
        <View className='fire-actions'>
          <Button id='fire-import-check' type='primary' loading={busy} disabled={!file} onClick={staged.check}>检查（不写入）</Button>
          <Button id='fire-import-commit' type='primary' loading={busy} disabled={!staged.canCommit} onClick={staged.commit}>确认导入</Button>
        </View>
        <ErrorText id='fire-import-error' message={error} />
        {done ? <View id='fire-import-done' className='fire-good'>{done}</View> : null}
      </Card>
      {problems.length ? (
        <Card title={`错误（${problems.length}）`} id='fire-import-problems'>
          {problems.map((p, i) => <Row key={i} label={p.row ? `第 ${p.row} 行 ${p.field}` : p.field}><Text className='fire-bad fire-import-problem' data-row={p.row}>{p.message}</Text></Row>)}
        </Card>
      ) : null}
      {staged.canCommit ? (
        <Card title={`将导入 ${preview.length} ${agencyId ? '台' : '家'}（尚未写入）`} id='fire-import-preview'>
          {preview.map((a) => <Row key={a.key} label={a.label}><Text className={a.good ? 'fire-good' : 'fire-bad'}>{a.note}</Text></Row>)}
        </Card>
      ) : null}
      {done ? <Button id='fire-import-registry' className='btn-block' onClick={() => (agencyId ? navigateBack() : navigateTo(FIRE_PAGES.registry))}>{agencyId ? '返回机构' : '返回机构名录'}</Button> : null}
    </Page>
  );
}
