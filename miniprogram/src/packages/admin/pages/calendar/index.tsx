import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { useLoad } from '@tarojs/taro';
import { ErrorText, Page } from '../../../../components/Page';
import { useSessionUser } from '../../../../components/hooks';
import { errorMessage } from '../../../../services/api';
import { adminCities } from '../../../../services/admin/view-model';
import type { CalendarsView, CalendarYearView, ImportPreview } from '../../../../services/admin/api';
import { toast } from '../../../../services/adapters/taro';
import { adminApi } from '../../adminApi';
import { FileText } from '../../FileText';
import { PreviewBox } from '../../PreviewBox';
import '../../admin.scss';

const KIND_LABEL = { holiday: '休', workday: '班' } as const;

/**
 * 工作日历 (city admin): the years with a calendar, the warning for a missing one, a year's holidays and 调休
 * working days; import a year's file (date,kind,name) or add and remove single days.
 */
export default function Calendar() {
  const user = useSessionUser();
  const cityId = adminCities(user?.roles)[0] ?? '';
  const [view, setView] = useState<CalendarsView | null>(null);
  const [year, setYear] = useState(new Date().getFullYear());
  const [days, setDays] = useState<CalendarYearView | null>(null);
  const [text, setText] = useState('');
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [date, setDate] = useState('');
  const [kind, setKind] = useState<'holiday' | 'workday'>('holiday');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);

  const guard = async (f: () => Promise<void>) => {
    setError(null);
    try {
      await f();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const load = (y = year) =>
    guard(async () => {
      const v = await adminApi.calendars(cityId);
      setView(v);
      setDays(await adminApi.calendarYear(cityId, y));
    });
  useLoad(() => {
    if (cityId) void load();
  });
  const chooseYear = (y: number) => {
    setYear(y);
    setPreview(null);
    void load(y);
  };
  const runImport = (dryRun: boolean) =>
    guard(async () => {
      if (!text.trim()) throw new Error('请先粘贴或选择日历文件');
      const p = await adminApi.importCalendar(cityId, year, text, dryRun);
      setPreview(p);
      if (!dryRun && p.version) {
        toast(`${year} 年日历已导入`, 'success');
        await load();
      }
    });
  const edit = (body: { action: 'add' | 'remove'; date: string; kind?: string; name?: string }) =>
    guard(async () => {
      setDays(await adminApi.editDay(cityId, year, body));
      setView(await adminApi.calendars(cityId));
      if (body.action === 'add') setDate('');
    });

  if (!cityId) return <Page><View className='admin-card'>仅城市管理员可管理工作日历</View></Page>;
  return (
    <Page className='admin-calendar-page'>
      {view?.warning ? (
        <View id='calendar-warning' className='admin-warning' data-year={view.warning.year} onClick={() => chooseYear(view.warning!.year)}>
          ⚠ {view.warning.message}
        </View>
      ) : null}
      <View className='admin-card'>
        <View className='admin-title'>年度</View>
        <View className='admin-tabs'>
          {[...new Set([...(view?.years.map((y) => y.year) ?? []), ...(view?.warning ? [view.warning.year] : []), year])].sort().map((y) => (
            <View key={y} id={`calendar-year-${y}`} className={`admin-tab${y === year ? ' admin-tab--on' : ''}`} onClick={() => chooseYear(y)}>
              {y}
              {view?.years.some((x) => x.year === y) ? '' : '（无）'}
            </View>
          ))}
        </View>
        <Input id='calendar-year-input' className='admin-input' type='number' placeholder='其他年份，如 2027' onConfirm={(e) => /^\d{4}$/.test(e.detail.value) && chooseYear(Number(e.detail.value))} />
      </View>
      <View className='admin-card'>
        <View className='admin-title'>导入 {year} 年日历</View>
        <View id='calendar-hint' className='admin-muted'>第一行为表头“日期,类型,名称”；每行一天，类型填节假日或调休上班。导入将替换该年全部日期；有任何错误时不会写入。</View>
        <FileText id='calendar-text' value={text} placeholder={`日期,类型,名称\n${year}-10-01,节假日,国庆节\n${year}-10-10,调休上班,国庆节调休上班`} onChange={(t) => (setText(t), setPreview(null))} />
        <View className='admin-buttons'>
          <View id='calendar-check' className='admin-btn admin-btn--plain' onClick={() => void runImport(true)}>检查</View>
          <View id='calendar-import' className='admin-btn' onClick={() => void runImport(false)}>导入</View>
        </View>
        <PreviewBox id='calendar-preview' preview={preview} what='calendar' />
      </View>
      <View className='admin-card'>
        <View className='admin-title'>添加一天</View>
        <Input id='calendar-day-date' className='admin-input' value={date} placeholder={`${year}-05-01`} onInput={(e) => setDate(e.detail.value)} />
        <View className='admin-tabs'>
          <View id='calendar-kind-holiday' className={`admin-tab${kind === 'holiday' ? ' admin-tab--on' : ''}`} onClick={() => setKind('holiday')}>节假日</View>
          <View id='calendar-kind-workday' className={`admin-tab${kind === 'workday' ? ' admin-tab--on' : ''}`} onClick={() => setKind('workday')}>调休上班</View>
        </View>
        <Input id='calendar-day-name' className='admin-input' value={name} placeholder='名称（选填），如 劳动节' onInput={(e) => setName(e.detail.value)} />
        <View id='calendar-day-add' className='admin-btn' onClick={() => void edit({ action: 'add', date: date.trim(), kind, name })}>添加</View>
        <ErrorText id='calendar-error' message={error} />
      </View>
      <View id='calendar-days' className='admin-card' data-year={year} data-count={days?.days.length ?? 0}>
        <View className='admin-title'>{year} 年：{days?.days.length ? `${days.days.length} 天` : '尚无日历'}</View>
        {days?.days.map((d) => (
          <View key={d.date} className='admin-row' data-date={d.date} data-kind={d.kind}>
            <Text>{d.date} 【{KIND_LABEL[d.kind]}】{d.name}</Text>
            <Text className='admin-muted' onClick={() => void edit({ action: 'remove', date: d.date })}>删除</Text>
          </View>
        ))}
      </View>
    </Page>
  );
}
