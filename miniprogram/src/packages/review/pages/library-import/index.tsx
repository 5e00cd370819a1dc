import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { ErrorText, Page } from '../../../../components/Page';
import { useSessionUser } from '../../../../components/hooks';
import { SpreadsheetPicker } from '../../../../components/file-picker';
import { useStagedImport } from '../../../../components/useStagedImport';
import { navigateBack } from '../../../../services/adapters/taro';
import type { ExpertImportView } from '../../../../services/review/api';
import { EXPERT_IMPORT_COLUMNS, EXPERT_SPECIALTIES } from '@cityloop/shared/dangerous-works/review.limits';
import { reviewApi } from '../../reviewApi';
import '../../review.scss';

type Problem = ExpertImportView['problems'][number];

/**
 * 批量导入专家 into the keeper's city library: choose an xlsx/CSV sheet, check it (dry run: every problem by line
 * and a preview, nothing written), then import — every expert or none.
 */
export default function LibraryImportPage() {
  const user = useSessionUser();
  const cityId = user?.roles?.find((r) => r.role === 'regulator' && r.level === 'city')?.cityId ?? '';
  const staged = useStagedImport<Problem, ExpertImportView>({
    send: (body) => reviewApi.importExperts({ ...body, cityId }),
    refusal: () => (cityId ? null : '只有市级监管部门可以导入专家'),
    doneText: (n) => `已导入 ${n} 名专家`,
  });
  const { file, dry, problems, error, done, busy } = staged;
  return (
    <Page className='library-import-page'>
      <View className='card'>
        <View className='review-section'>表格格式</View>
        <View className='muted'>{`第 1 行为表头：${EXPERT_IMPORT_COLUMNS.map(([h]) => h).join('、')}。`}</View>
        <View className='muted'>{`职称填 高级 / 正高级；专业可填多个，用“、”分隔：${Object.values(EXPERT_SPECIALTIES).join('、')}；丰富经验填“是”或“否”（可空）；身份证号列请设为文本。`}</View>
      </View>
      <View className='card'>
        <SpreadsheetPicker id='lib-import' what='专家表格' file={file} onPick={staged.pick} onError={staged.setError} />
        <View className='lib-buttons'>
          <Button id='lib-import-check' type='primary' loading={busy} disabled={!file} onClick={staged.check}>
            检查（不写入）
          </Button>
          <Button id='lib-import-commit' type='primary' loading={busy} disabled={!staged.canCommit} onClick={staged.commit}>
            确认导入
          </Button>
        </View>
        <ErrorText id='lib-import-error' message={error} />
        {done ? (
          <View id='lib-import-done' className='lib-good'>
            {done}
          </View>
        ) : null}
      </View>
      {problems.length ? (
        <View className='card' id='lib-import-problems'>
          <View className='review-section'>错误（{problems.length}）</View>
          {problems.map((p, i) => (
            <View key={i} className='lib-entry lib-import-problem' data-row={p.row}>
              <Text className='lib-nowrap'>{p.row ? `第 ${p.row} 行` : ''}</Text> {p.field}：<Text className='lib-bad'>{p.message}</Text>
            </View>
          ))}
        </View>
      ) : null}
      {dry && staged.canCommit ? (
        <View className='card' id='lib-import-preview'>
          <View className='review-section'>将导入 {dry.preview.length} 名专家（尚未写入）</View>
          {dry.preview.map((x) => (
            <View key={x.row} className='lib-entry'>
              第 {x.row} 行 {x.name} · {x.title} · {x.specialties.join('、')} · {x.employer ?? '—'}
            </View>
          ))}
        </View>
      ) : null}
      {done ? (
        <Button id='lib-import-back' className='btn-block' onClick={() => void navigateBack()}>
          返回专家库
        </Button>
      ) : null}
    </Page>
  );
}
