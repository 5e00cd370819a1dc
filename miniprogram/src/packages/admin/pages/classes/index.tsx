import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useLoad } from '@tarojs/taro';
import { ErrorText, Page } from '../../../../components/Page';
import { useSessionUser } from '../../../../components/hooks';
import { errorMessage } from '../../../../services/api';
import { adminCities, slaText } from '../../../../services/admin/view-model';
import type { ClassTableView, ImportPreview } from '../../../../services/admin/api';
import { toast } from '../../../../services/adapters/taro';
import { adminApi } from '../../adminApi';
import { FileText } from '../../FileText';
import { PreviewBox } from '../../PreviewBox';
import '../../admin.scss';

const KIND = { component: '部件', event: '事件' } as const;

/** A time limit with its unit on one line ("1 小时" never split). */
const Sla = ({ hours }: { hours: number }) => <Text className='cl-nowrap'>{slaText(hours)}</Text>;
const SAMPLE = '类型,编码,名称,上级,受理,派遣,处置,紧急处置,核查,立案条件,结案条件\n事件,01,市容环境,,,,,,,,\n事件,0104,道路不洁,01,2小时,1小时,5小时,2小时,1工作日,路面有明显垃圾,已清扫干净';

/** 分类与时限 (city admin): the city's GB/T 30428 classes with the SLA of each step; import a new table from CSV. */
export default function Classes() {
  const user = useSessionUser();
  const cityId = adminCities(user?.roles)[0] ?? '';
  const [table, setTable] = useState<ClassTableView | null>(null);
  const [csv, setCsv] = useState('');
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = async () => {
    if (!cityId) return;
    try {
      setTable(await adminApi.classes(cityId));
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  useLoad(() => void load());

  const run = async (dryRun: boolean) => {
    if (busy || !csv.trim()) return setError(csv.trim() ? null : '请先粘贴或选择分类表 CSV');
    setBusy(true);
    setError(null);
    try {
      const p = await adminApi.importClasses(cityId, csv, dryRun);
      setPreview(p);
      if (!dryRun && p.version) {
        toast('分类表已导入', 'success');
        await load();
      }
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  if (!cityId) return <Page><View className='admin-card'>仅城市管理员可管理分类与时限</View></Page>;
  return (
    <Page className='admin-classes-page'>
      <View className='admin-card'>
        <View className='admin-title'>导入分类表（逗号分隔的表格文件）</View>
        <View id='classes-hint' className='admin-muted'>
          第一行为表头（见示例）；每行一个大类或小类，类型填部件或事件；时限填工作小时（如 <Text className='cl-nowrap'>4小时</Text>）或工作日（如 <Text className='cl-nowrap'>2工作日</Text>）。先检查，无误后导入；有任何错误时不会写入。
        </View>
        <FileText id='classes-csv' value={csv} placeholder={SAMPLE} onChange={(t) => (setCsv(t), setPreview(null))} />
        <View className='admin-buttons'>
          <View id='classes-check' className='admin-btn admin-btn--plain' onClick={() => void run(true)}>检查</View>
          <View id='classes-import' className='admin-btn' onClick={() => void run(false)}>导入</View>
        </View>
        <PreviewBox id='classes-preview' preview={preview} what='classes' />
        <ErrorText id='classes-error' message={error} />
      </View>
      {table ? (
        <View id='classes-table' className='admin-card' data-version={table.version} data-count={table.classes.length}>
          <View className='admin-title'>当前分类（{table.classes.length} 个小类）</View>
          <View className='admin-muted'>{table.stored ? `版本 ${table.version}` : '尚未导入，使用内置分类表'}；案件按立案时的时限计算，之后修改不影响在办案件。</View>
          {table.classes.map((c) => (
            <View key={`${c.kind}:${c.code}`} className='admin-row' data-code={c.code}>
              <View>
                <Text>{KIND[c.kind]} {c.code} {c.name}</Text>
                <View className='admin-muted'>受理 <Sla hours={c.sla.acceptHours} /> · 派遣 <Sla hours={c.sla.dispatchHours} /> · 处置 <Sla hours={c.sla.handleHours} />（紧急 <Sla hours={c.sla.handleUrgentHours} />）· 核查 <Sla hours={c.sla.checkHours} /></View>
              </View>
            </View>
          ))}
        </View>
      ) : null}
    </Page>
  );
}
